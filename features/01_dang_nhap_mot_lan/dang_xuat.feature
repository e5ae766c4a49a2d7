# language: vi
@sso
Tính năng: Đăng xuất kết thúc phiên làm việc ở cả hai nơi
  Khi công dân đăng xuất, phiên trên cổng dịch vụ công và phiên tại hệ thống định danh
  quốc gia cùng kết thúc: người dùng chung máy sau đó không vào được tài khoản.

  Kịch bản: Đăng xuất kết thúc phiên trên cổng và tại hệ thống định danh
    Cho một công dân đã đăng nhập vào cổng dịch vụ công
    Khi công dân đăng xuất
    Thì cổng dịch vụ công không còn phiên làm việc của công dân
    Và mở lại trang cá nhân thì hệ thống định danh yêu cầu đăng nhập lại
