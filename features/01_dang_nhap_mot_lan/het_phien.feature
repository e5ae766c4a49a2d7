# language: vi
@sso
Tính năng: Phiên làm việc trên cổng có thời hạn
  Phiên làm việc trên cổng dịch vụ công hết hạn sau một khoảng thời gian (mặc định
  30 phút); khi đó cổng không còn nhận phiên cũ. Phiên tại hệ thống định danh là
  phiên riêng: công dân được đăng nhập lại qua hệ thống định danh mà không phải
  nhập lại mật khẩu chừng nào phiên ở đó còn hiệu lực.

  @needs_clock
  Kịch bản: Phiên hết hạn thì cổng không còn nhận, công dân được đăng nhập lại qua hệ thống định danh
    Cho một công dân đã đăng nhập vào cổng dịch vụ công
    Khi thời gian trôi qua quá thời hạn của phiên làm việc trên cổng
    Thì cổng dịch vụ công không còn phiên làm việc của công dân
    Và mở lại trang cá nhân thì công dân được đăng nhập lại qua hệ thống định danh
