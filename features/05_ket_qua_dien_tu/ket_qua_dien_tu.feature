# language: vi
@e_result @mot_thu_tuc
Tính năng: Kết quả giải quyết thủ tục hành chính bản điện tử
  Kết quả là văn bản PDF tiếng Việt, ký số PAdES bằng chứng thư của cơ quan, có mã QR dẫn
  tới trang xác thực công khai. Công dân tải được văn bản của mình; kho dữ liệu của công
  dân và Cổng DVCQG nhận đúng văn bản đó (cùng mã băm SHA-256); người khác không tải được.

  Văn bản trình bày theo thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP, Phụ lục I):
  tên cơ quan ban hành ngang hàng Quốc hiệu, dưới tên cơ quan một đường kẻ ngang dài 1/3
  đến 1/2 dòng chữ, dưới Tiêu ngữ một đường kẻ dài bằng dòng chữ, cả hai đặt cân đối. Chính
  sách cổng tự chọn mà bộ kiểm thử giả định: không chữ, hình hay đường kẻ nào cách mép giấy
  dưới 10 mm (vùng máy in văn phòng in được); chứng thư ký của cơ quan có mục đích sử dụng
  khóa digitalSignature và nonRepudiation (RFC 5280, mục 4.2.1.3: ký số văn bản, không chối
  bỏ được).

  @moi_thu_tuc @needs_national_record
  Kịch bản: Lãnh đạo ký số, cán bộ trả kết quả, công dân tải về văn bản có chữ ký hợp lệ của cơ quan
    Cho một công dân có hồ sơ đã thẩm định xong, chờ lãnh đạo phê duyệt
    Khi lãnh đạo phê duyệt hồ sơ
    Và cán bộ một cửa trả kết quả cho công dân
    Và công dân tải kết quả giải quyết về máy
    Thì tệp tải về là PDF có chữ ký số PAdES hợp lệ, phủ toàn bộ tệp
    Và chữ ký số chuỗi về chứng thư gốc của cơ quan ban hành
    Và chứng thư của người ký dành cho ký số văn bản (digitalSignature và nonRepudiation), chứng thư gốc là chứng thư của tổ chức cấp (CA)

  @needs_national_record
  Kịch bản: Văn bản bị sửa dù chỉ một byte thì chữ ký số không còn hợp lệ
    Cho một công dân đã nhận kết quả điện tử của hồ sơ
    Khi công dân tải kết quả giải quyết về máy
    Và một byte của tệp bị thay đổi
    Thì chữ ký số của tệp bị thay đổi không còn hợp lệ
    Và trang xác thực của cổng báo tệp bị thay đổi không phải văn bản do cơ quan ban hành

  @needs_national_record
  Kịch bản: Mã QR trên văn bản dẫn tới trang xác thực, trang xác nhận văn bản
    Cho một công dân đã nhận kết quả điện tử của hồ sơ
    Khi công dân tải kết quả giải quyết về máy
    Và công dân quét mã QR trên văn bản
    Thì mã QR dẫn tới trang xác thực của hồ sơ trên cổng
    Khi một người bất kỳ mở đường dẫn trong mã QR
    Thì trang xác thực xác nhận văn bản: chữ ký số hợp lệ, đúng mã hồ sơ và mã băm SHA-256 của tệp

  @needs_national_record
  Kịch bản: Trang xác thực nhận ra tệp gốc công dân tải lên
    Cho một công dân đã nhận kết quả điện tử của hồ sơ
    Khi công dân tải kết quả giải quyết về máy
    Và công dân tải lên tệp kết quả tại trang xác thực của cổng
    Thì trang xác thực xác nhận tệp là văn bản của hồ sơ, không bị thay đổi

  @needs_national_portal_mock
  Kịch bản: Kho dữ liệu của công dân nhận đúng văn bản công dân tải về
    Cho một công dân đã nhận kết quả điện tử của hồ sơ
    Khi công dân tải kết quả giải quyết về máy
    Thì kho dữ liệu của công dân trên Cổng DVCQG nhận văn bản có mã băm SHA-256 của tệp đã tải
    Và tệp trong kho dữ liệu giống hệt tệp công dân tải về

  @moi_thu_tuc @needs_national_record
  Kịch bản: Trạng thái "Đã trả kết quả" đồng bộ lên Cổng DVCQG kèm giấy tờ kết quả
    Cho một công dân đã nhận kết quả điện tử của hồ sơ
    Khi công dân tải kết quả giải quyết về máy
    Và công dân quét mã QR trên văn bản
    Thì Cổng DVCQG giữ hồ sơ ở trạng thái 10 với ngày trả kết quả công dân thấy
    Và DanhSachGiayToKetQua trên Cổng DVCQG mang mã băm SHA-256 của tệp và đường dẫn trong mã QR

  @needs_national_record
  Kịch bản: Công dân khác không tải được kết quả của hồ sơ không phải của mình
    Cho một công dân đã nhận kết quả điện tử của hồ sơ
    Và một công dân khác đã đăng nhập cổng
    Khi công dân khác tải kết quả của hồ sơ bằng đường dẫn trực tiếp
    Thì cổng không trả văn bản cho công dân khác
    Và công dân khác không thấy hồ sơ trong "Hồ sơ của tôi"

  @needs_national_record
  Kịch bản: Người chưa đăng nhập không tải được kết quả
    Cho một công dân đã nhận kết quả điện tử của hồ sơ
    Khi người chưa đăng nhập tải kết quả của hồ sơ bằng đường dẫn trực tiếp
    Thì cổng chuyển người chưa đăng nhập tới trang đăng nhập, không trả văn bản

  @moi_thu_tuc @needs_national_record
  Kịch bản: Văn bản ghi đúng tiếng Việt có dấu, mang theo phông chữ và trình bày đúng thể thức
    Cho một công dân đã nhận kết quả điện tử của hồ sơ
    Khi công dân tải kết quả giải quyết về máy
    Thì văn bản ghi bằng tiếng Việt có dấu tên cơ quan, tên giấy tờ, họ tên, số định danh và mã hồ sơ
    Và phông chữ tiếng Việt được nhúng trong tệp
    Và mọi dòng chữ, hình và đường kẻ của văn bản nằm trong trang giấy, cách mép giấy ít nhất 10 mm
    Và không dòng chữ nào chồng lên dòng chữ khác hay lên mã QR, không đường kẻ nào cắt ngang chữ
    Và tên cơ quan ngang hàng Quốc hiệu, dưới tên cơ quan và dưới Tiêu ngữ có đường kẻ ngang cân đối theo thể thức

  @needs_result_layout
  Kịch bản: Cỡ chữ, chữ đậm, lề và chỗ sang trang của văn bản đúng mẫu trình bày cơ quan đã duyệt
    Cỡ chữ, lề và chỗ sang trang là lựa chọn của mẫu trình bày cơ quan đã duyệt (Nghị định
    30/2020/NĐ-CP, Phụ lục I chỉ nêu khoảng), nên đích kiểm thử khai mẫu đó (result_layout) và
    văn bản phải khớp đúng: cỡ chữ lệch không quá 0,2 pt, lề lệch không quá 0,3 mm; phần ký
    số và mã QR ở lại dưới nội dung khi dưới dòng cuối còn đủ khoảng mẫu khai, không thì sang
    trang sau. Các phần được tìm theo nội dung: tên cơ quan như trang xác thực ghi, tên giấy
    tờ như tệp thủ tục khai, mã hồ sơ và nhãn trước nó, dòng địa danh có "ngày … tháng … năm",
    khối chữ ký bên phải mã QR (dòng trên cùng là chức vụ, dòng cuối là họ tên), dòng ngay
    dưới mã QR. Nội dung hồ sơ dưới đây (hai địa chỉ dài, mỗi địa chỉ hai dòng) đưa dòng cuối
    của văn bản trên cổng tham chiếu tới sát ngưỡng sang trang: còn 92,6 mm, mẫu khai 92,08 mm.
    Cho một công dân đã nhận kết quả điện tử của hồ sơ liên thông ghi các ô:
      | ô                                    | giá trị                                                                                               |
      | Số điện thoại liên hệ                | 0912345678                                                                                            |
      | Thư điện tử                          | nguyen.an@mau.gov.vn                                                                                  |
      | Quan hệ với trẻ                      | Mẹ                                                                                                    |
      | Họ và tên trẻ                        | Nguyễn Minh Khôi                                                                                      |
      | Ngày sinh của trẻ                    | 14/03/2025                                                                                            |
      | Giới tính của trẻ                    | Nam                                                                                                   |
      | Nơi sinh                             | Khoa Sản, Bệnh viện Đa khoa khu vực Bắc Mẫu, phường Đông Hưng, tỉnh Mẫu                               |
      | Họ và tên người mẹ                   | Trần Thị Hoa                                                                                          |
      | Số định danh cá nhân của người mẹ    | 001190012345                                                                                          |
      | Họ và tên người cha                  | Nguyễn Văn An                                                                                         |
      | Số định danh cá nhân của người cha   | 001088012345                                                                                          |
      | Địa chỉ đăng ký thường trú của trẻ   | Phòng 1203, tòa nhà CT2B, khu đô thị Nam Sông Mẫu, số 88 đường Trần Hưng Đạo, phường Đông Hưng, tỉnh Mẫu |
      | Quan hệ của trẻ với chủ hộ           | Con                                                                                                   |
      | Nơi đăng ký khám chữa bệnh ban đầu   | Trạm y tế xã                                                                                          |
    Khi công dân tải kết quả giải quyết về máy
    Thì cỡ chữ, chữ đậm, lề và chỗ sang trang của văn bản đúng mẫu trình bày đã duyệt mà đích kiểm thử khai

  Kịch bản: Trang xác thực kiểm tra cả tệp PDF lớn tới giới hạn 20 MB mà trang nêu
    Trang xác thực từ chối tệp "lớn hơn 20 MB" (lời của chính trang đó); một tệp 20 000 000
    byte chưa lớn hơn 20 MB dù tính 1 MB là 10^6 hay 2^20 byte, nên phải được kiểm tra.
    Khi một người bất kỳ tải lên trang xác thực của cổng một tệp PDF nặng 20 000 000 byte
    Thì trang xác thực kiểm tra tệp đó: tính mã băm của tệp, tệp không ứng với hồ sơ nào

  Kịch bản: Nội dung dài tới cuối trang: phần ký số và mã QR sang trang sau, không tràn ra ngoài trang
    Hai mươi dòng ngắn trong ô nhiều dòng (như mục đích sử dụng phiếu) đưa nội dung tới gần
    cuối trang 1 của văn bản: phần ký số và mã QR không còn chỗ, phải sang trang sau.
    Cho một công dân đã nhận kết quả điện tử của hồ sơ ghi 20 dòng trong ô nhiều dòng
    Khi công dân tải kết quả giải quyết về máy
    Thì mọi dòng chữ, hình và đường kẻ của văn bản nằm trong trang giấy, cách mép giấy ít nhất 10 mm
    Và không dòng chữ nào chồng lên dòng chữ khác hay lên mã QR, không đường kẻ nào cắt ngang chữ
