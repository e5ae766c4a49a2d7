# language: vi
@sso
Tính năng: Đăng nhập không thành công thì cổng báo rõ và không mở phiên làm việc
  Khi hệ thống định danh từ chối, công dân hủy giữa chừng hoặc hệ thống định danh gặp
  sự cố, cổng dịch vụ công nói rõ bằng tiếng Việt điều gì đã xảy ra và không mở phiên
  làm việc nào cho trình duyệt.
  Mã HTTP của trang báo lỗi cũng nói điều đó cho trình duyệt và mọi công cụ giám sát, theo
  chính sách của cổng: 401 khi công dân chưa xác thực (công dân hủy hoặc hệ thống định danh
  từ chối, error=access_denied); 503 khi hệ thống định danh gặp sự cố và cần thử lại sau
  (error=temporarily_unavailable hay lỗi khác của hệ thống định danh).

  @needs_sso_mock
  Kịch bản: Hệ thống định danh từ chối đăng nhập
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và hệ thống định danh sẽ từ chối lần đăng nhập tiếp theo
    Khi công dân bắt đầu đăng nhập vào cổng dịch vụ công
    Thì cổng báo rằng đăng nhập đã bị hủy hoặc bị từ chối
    Và cổng trả lời lần trở về từ hệ thống định danh bằng mã HTTP 401
    Và công dân chưa được đăng nhập vào cổng

  Kịch bản: Công dân hủy đăng nhập tại hệ thống định danh
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân bắt đầu đăng nhập nhưng hủy tại trang của hệ thống định danh
    Thì cổng báo rằng đăng nhập đã bị hủy hoặc bị từ chối
    Và cổng trả lời lần trở về từ hệ thống định danh bằng mã HTTP 401
    Và công dân chưa được đăng nhập vào cổng

  @needs_sso_mock
  Kịch bản: Hệ thống định danh tạm ngừng phục vụ
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và hệ thống định danh tạm ngừng phục vụ
    Khi công dân bắt đầu đăng nhập vào cổng dịch vụ công
    Thì cổng báo rằng hệ thống định danh tạm thời không phục vụ
    Và cổng trả lời lần trở về từ hệ thống định danh bằng mã HTTP 503
    Và công dân chưa được đăng nhập vào cổng

  @needs_sso_mock
  Khung kịch bản: Hệ thống định danh ngừng trả lời giữa chừng
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và hệ thống định danh ngừng trả lời khi cổng <bước>
    Khi công dân thử đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì cổng báo rằng hệ thống định danh tạm thời không phục vụ
    Và công dân chưa được đăng nhập vào cổng

    Dữ liệu:
      | bước                                 |
      | đổi mã cấp quyền lấy mã thông báo    |
      | lấy thông tin định danh của công dân |
