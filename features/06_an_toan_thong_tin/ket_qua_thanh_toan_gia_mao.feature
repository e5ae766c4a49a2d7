# language: vi
@security @co_le_phi
Tính năng: Kết quả thanh toán bị sửa đổi hay phát lại không lừa được cổng
  Kết quả thanh toán về cổng qua đường dẫn trả về của trình duyệt (nằm trong tay người
  dùng) và qua thông báo máy chủ tới máy chủ (ai cũng gửi được tới địa chỉ đó). Cả hai
  mang mã xác thực MaXacThuc mà chỉ nền tảng thanh toán và cổng tính được. Một kết quả bị
  sửa, ký bằng khóa khác, thiếu mã xác thực hay bị phát lại không làm hồ sơ được ghi nhận
  là đã thanh toán, hay được ghi nhận hai lần.

  Bối cảnh:
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã nộp hồ sơ một thủ tục có lệ phí

  Kịch bản: Công dân hủy giao dịch rồi sửa đường dẫn trả về thành "thành công" thì cổng không tin
    Khi công dân mở trang thanh toán rồi hủy giao dịch
    Và công dân sửa mã kết quả trên đường dẫn trả về thành "00" rồi mở lại đường dẫn đó
    Thì cổng báo công dân rằng kết quả thanh toán không hợp lệ
    Và hồ sơ vẫn chưa thanh toán

  Khung kịch bản: Thông báo kết quả "thành công" giả mạo gửi thẳng đến cổng bị từ chối: <giả mạo>
    Khi công dân mở trang thanh toán rồi hủy giao dịch
    Và kẻ gian gửi thẳng đến cổng thông báo kết quả "thành công" cho giao dịch đó, <giả mạo>
    Thì cổng trả lời thông báo giả mạo bằng mã lỗi "<mã lỗi>"
    Và hồ sơ vẫn chưa thanh toán

    Dữ liệu:
      | giả mạo                           | mã lỗi |
      | giữ mã xác thực của thông báo hủy | 01     |
      | ký bằng một khóa khác             | 01     |
      | không có mã xác thực              | 01     |

  @needs_payment_mock @needs_national_portal_mock
  Kịch bản: Thông báo kết quả thật bị phát lại nhiều lần chỉ được ghi nhận một lần
    Khi công dân thanh toán lệ phí hồ sơ qua "Thẻ ATM nội địa"
    Và kẻ gian phát lại thông báo kết quả thật của giao dịch đến cổng 3 lần
    Thì cổng trả lời "00" cho mỗi lần phát lại mà không ghi nhận thêm
    Và hồ sơ ghi nhận đúng 1 lần thanh toán thành công
    Và Cổng Dịch vụ công quốc gia nhận đúng 1 bước xử lý về thanh toán
