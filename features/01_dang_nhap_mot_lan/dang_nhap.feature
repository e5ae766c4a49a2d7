# language: vi
@sso
Tính năng: Đăng nhập một lần qua Cổng Dịch vụ công quốc gia
  Công dân dùng tài khoản Cổng Dịch vụ công quốc gia (VNeID) để đăng nhập cổng
  dịch vụ công của tỉnh, không phải tạo tài khoản riêng; thông tin định danh đi
  theo tài khoản đến cổng (QĐ 31/2021/QĐ-TTg Điều 26: kiểm tra cơ chế đăng nhập một lần).

  Kịch bản: Công dân đăng nhập và thấy thông tin định danh của mình
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì trang cá nhân hiển thị họ tên và số định danh của công dân

  Kịch bản: Đăng xuất kết thúc phiên trên cổng và tại hệ thống định danh
    Cho một công dân đã đăng nhập vào cổng dịch vụ công
    Khi công dân đăng xuất
    Thì cổng dịch vụ công không còn phiên làm việc của công dân
    Và mở lại trang cá nhân thì hệ thống định danh yêu cầu đăng nhập lại
