# language: vi
@security
Tính năng: Mọi biểu mẫu thay đổi dữ liệu đều đòi mã chống giả mạo yêu cầu (CSRF)
  Một trang web khác có thể khiến trình duyệt của người dùng gửi biểu mẫu đến cổng kèm
  cookie của họ. Vì vậy mỗi biểu mẫu thay đổi dữ liệu mang một mã chống giả mạo gắn với
  phiên làm việc; thiếu mã hay mã của phiên khác thì cổng từ chối và không thay đổi gì.
  Các đường dẫn POST của cổng: đăng xuất; nộp hồ sơ và lưu nháp; gửi bổ sung; rút hồ sơ;
  thanh toán lệ phí; đăng nhập, đăng xuất cán bộ; các thao tác xử lý của cán bộ (một
  đường dẫn chung cho mọi thao tác). Không cần mã: trang xác thực kết quả (chỉ kiểm tra
  tệp, không thay đổi gì) và thông báo kết quả thanh toán (máy chủ tới máy chủ, có mã xác
  thực MaXacThuc riêng). Mỗi kịch bản gửi lại đúng biểu mẫu đó kèm đúng mã để chứng tỏ
  chính yêu cầu ấy được cổng thực hiện khi hợp lệ.

  @needs_payment_mock @needs_national_portal_mock
  Khung kịch bản: Biểu mẫu "<biểu mẫu>" thiếu mã chống giả mạo hoặc mang mã của phiên khác bị từ chối
    Cho <người gửi> sẵn sàng gửi biểu mẫu "<biểu mẫu>"
    Khi biểu mẫu được gửi thẳng đến cổng mà không kèm mã chống giả mạo
    Thì cổng từ chối yêu cầu vì mã chống giả mạo không hợp lệ
    Khi biểu mẫu được gửi thẳng đến cổng kèm mã chống giả mạo của một phiên làm việc khác
    Thì cổng từ chối yêu cầu vì mã chống giả mạo không hợp lệ
    Và cổng không thay đổi gì sau các yêu cầu bị từ chối
    Khi biểu mẫu được gửi lại kèm đúng mã chống giả mạo của phiên
    Thì lần này cổng thực hiện yêu cầu

    Dữ liệu:
      | biểu mẫu          | người gửi            |
      | đăng xuất         | công dân             |
      | nộp hồ sơ         | công dân             |
      | lưu nháp          | công dân             |
      | gửi bổ sung       | công dân             |
      | rút hồ sơ         | công dân             |
      | thanh toán lệ phí | công dân             |
      | đăng nhập cán bộ  | người chưa đăng nhập |
      | đăng xuất cán bộ  | cán bộ một cửa       |
      | Tiếp nhận         | cán bộ một cửa       |
      | Thẩm định         | chuyên viên          |
      | Phê duyệt         | lãnh đạo             |
      | Trả kết quả       | cán bộ một cửa       |
