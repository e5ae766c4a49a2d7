# language: vi
@reliability
Tính năng: Hệ thống định danh trả lời chậm, công dân được báo rõ ràng thay vì chờ mãi
  Cổng chờ hệ thống định danh trong một thời hạn có giới hạn (PORTAL_HTTP_TIMEOUT_S). Quá
  thời hạn đó, công dân được báo rằng hệ thống định danh tạm thời không phục vụ, chưa được
  đăng nhập, và có thể đăng nhập lại, thay vì nhìn một trang không bao giờ tải xong.

  @needs_sso_mock
  Khung kịch bản: Hệ thống định danh trả lời chậm khi cổng <bước>
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và hệ thống định danh sẽ trả lời chậm 20 giây khi cổng <bước>
    Khi công dân thử đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì cổng báo rằng hệ thống định danh tạm thời không phục vụ
    Và công dân nhận được thông báo trước khi hệ thống định danh kịp trả lời
    Và công dân chưa được đăng nhập vào cổng

    Dữ liệu:
      | bước                                 |
      | đổi mã cấp quyền lấy mã thông báo    |
      | lấy thông tin định danh của công dân |
