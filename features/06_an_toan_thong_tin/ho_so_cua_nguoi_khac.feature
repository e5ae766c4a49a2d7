# language: vi
@security @co_le_phi
Tính năng: Công dân không xem và không thao tác được hồ sơ của người khác
  Mỗi công dân chỉ thấy hồ sơ của mình. Mã hồ sơ của người khác, mở bằng đường dẫn hay gửi
  thẳng yêu cầu đến cổng (kèm mã chống giả mạo hợp lệ của chính phiên mình), đều nhận câu
  trả lời "không tìm thấy" (404: cổng không xác nhận mã đó có tồn tại) và không lộ thông
  tin nào của chủ hồ sơ: họ tên, số định danh, số điện thoại, thư điện tử. Hồ sơ nháp cũng
  vậy: đường dẫn của nó (trong mục "Hồ sơ của tôi" của chủ) đến tay người khác thì người đó
  không mở được, không ghi đè được tờ khai và giấy tờ của chủ.

  @needs_national_record
  Khung kịch bản: Công dân khác mở <trang> của hồ sơ bằng đường dẫn
    Cho một công dân có hồ sơ ở trạng thái "Đã trả kết quả"
    Và một công dân khác đã đăng nhập cổng
    Khi công dân khác mở đường dẫn <trang> của hồ sơ
    Thì cổng trả lời công dân khác rằng không tìm thấy trang
    Và câu trả lời không lộ thông tin nào của chủ hồ sơ

    Dữ liệu:
      | trang                |
      | trang chi tiết       |
      | giấy tiếp nhận       |
      | tệp kết quả          |
      | trang rút hồ sơ      |

  @needs_payment_mock @needs_national_portal_mock
  Khung kịch bản: Công dân khác gửi thẳng yêu cầu <thao tác> hồ sơ của người khác đến cổng
    Cho một công dân có hồ sơ chưa thanh toán lệ phí ở trạng thái "<trạng thái>"
    Và một công dân khác đã đăng nhập cổng
    Khi công dân khác gửi thẳng yêu cầu <thao tác> hồ sơ đến cổng, kèm mã chống giả mạo của chính mình
    Thì cổng trả lời công dân khác rằng không tìm thấy trang
    Và câu trả lời không lộ thông tin nào của chủ hồ sơ
    Và hồ sơ của chủ hồ sơ không thay đổi gì, trên cổng, trên Cổng DVCQG và tại nền tảng thanh toán

    Dữ liệu:
      | thao tác          | trạng thái              |
      | rút hồ sơ         | Được tiếp nhận          |
      | thanh toán lệ phí | Mới đăng ký             |
      | gửi bổ sung       | Yêu cầu bổ sung giấy tờ |

  Kịch bản: Đường dẫn trả về sau thanh toán lọt sang trình duyệt người khác không làm lộ hồ sơ
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã nộp hồ sơ một thủ tục có lệ phí
    Khi công dân thanh toán lệ phí hồ sơ qua "Thẻ ATM nội địa"
    Và một người khác mở đường dẫn trả về từ nền tảng thanh toán mà công dân vừa được chuyển tới
    Thì người khác không thấy thông tin thanh toán nào của hồ sơ
    Và hồ sơ ghi nhận đúng 1 lần thanh toán thành công

  Kịch bản: Công dân khác không mở được và không ghi được vào hồ sơ nháp của người khác
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã điền một nửa tờ khai và đính kèm giấy tờ
    Và một công dân khác đã đăng nhập cổng
    Khi công dân lưu nháp hồ sơ
    Và công dân khác có được đường dẫn đến hồ sơ nháp của công dân
    Và công dân khác mở đường dẫn hồ sơ nháp đó
    Thì cổng trả lời công dân khác rằng không tìm thấy trang
    Và câu trả lời không lộ thông tin nào của hồ sơ nháp
    Khi công dân khác gửi thẳng tờ khai của mình kèm hồ sơ nháp đó đến cổng, kèm mã chống giả mạo của chính mình
    Thì cổng trả lời công dân khác rằng không tìm thấy trang
    Và câu trả lời không lộ thông tin nào của hồ sơ nháp
    Khi công dân mở lại hồ sơ nháp từ mục "Hồ sơ của tôi"
    Thì các thông tin và giấy tờ công dân đã nhập vẫn còn nguyên
