# language: vi
@sso
Tính năng: Đăng nhập một lần qua Cổng Dịch vụ công quốc gia
  Công dân và doanh nghiệp dùng tài khoản Cổng Dịch vụ công quốc gia (VNeID) để đăng
  nhập cổng dịch vụ công của tỉnh, không phải tạo tài khoản riêng; thông tin định danh
  đi theo tài khoản đến cổng (QĐ 31/2021/QĐ-TTg Điều 26: kiểm tra cơ chế đăng nhập một lần).
  Đường dẫn đăng nhập do nơi khác viết (thư điện tử, trang của cơ quan khác) có thể ghi
  trang cần trở về mà không mã hóa, như next=/trang?a=1&b=2: cổng coi mọi tham số đi sau
  là của trang cần trở về (chính sách của cổng tham chiếu). Ngày sinh hệ thống định danh
  gửi chỉ được nhận khi có thể có thật (từ năm 1900 đến hôm nay, docs/sso.md); nếu không,
  công dân vẫn đăng nhập được và tự khai ngày sinh trong tờ khai. Lời báo trích giá trị
  không đọc được tối đa 40 ký tự, không lặp lại nguyên văn một giá trị dài hay độc hại.

  Kịch bản: Công dân đăng nhập và thấy thông tin định danh của mình
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì trang cá nhân hiển thị họ tên và số định danh của công dân

  @needs_business_account
  Kịch bản: Doanh nghiệp đăng nhập và thấy tên, mã số doanh nghiệp của mình
    Cho một doanh nghiệp có tài khoản Cổng Dịch vụ công quốc gia
    Khi người đại diện đăng nhập vào cổng dịch vụ công bằng tài khoản doanh nghiệp
    Thì trang cá nhân hiển thị tên doanh nghiệp và mã số doanh nghiệp
    Và trang cá nhân hiển thị họ tên người đại diện

  Kịch bản: Công dân mở một trang riêng khi chưa đăng nhập và được đưa về đúng trang đó
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân mở một trang riêng của mình khi chưa đăng nhập
    Và công dân đăng nhập tại hệ thống định danh
    Thì công dân trở lại đúng trang đã mở trước khi đăng nhập

  Kịch bản: Đường dẫn đăng nhập ghi trang cần trở về không mã hóa, công dân vẫn tới đúng trang với mọi tham số
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân mở một đường dẫn đăng nhập do nơi khác viết, trang cần trở về mang hai tham số không mã hóa
    Và công dân đăng nhập tại hệ thống định danh
    Thì công dân tới đúng trang đường dẫn ghi, với cả hai tham số

  @needs_sso_mock
  Khung kịch bản: Hệ thống định danh gửi ngày sinh <ngày sinh> (<vì sao>): cổng không nhận ngày sinh đó
    Cho một công dân có tài khoản mà hệ thống định danh ghi ngày sinh "<ngày sinh>"
    Khi công dân đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì trang cá nhân hiển thị họ tên và số định danh của công dân
    Và trang cá nhân không ghi ngày sinh nào cho công dân
    Và trang cá nhân báo công dân rằng cổng không đọc được ngày sinh, công dân sẽ tự khai

    Dữ liệu:
      | ngày sinh | vì sao                      |
      | 01012099  | ngày 01/01/2099, chưa tới   |
      | 31121899  | ngày 31/12/1899, trước 1900 |

  @needs_sso_mock
  Kịch bản: Hệ thống định danh gửi giới tính là một câu dài: trang cá nhân chỉ trích 40 ký tự đầu của nó
    Cho một công dân có tài khoản mà hệ thống định danh ghi giới tính là một câu dài, không phải giới tính
    Khi công dân đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì trang cá nhân hiển thị họ tên và số định danh của công dân
    Và trang cá nhân báo cổng không đọc được giới tính, chỉ trích 40 ký tự đầu của giá trị hệ thống định danh gửi

  @dien_san_ngay_sinh
  Kịch bản: Thông tin định danh đến tờ khai nộp hồ sơ, công dân không phải nhập lại
    Cho một công dân đã đăng nhập vào cổng dịch vụ công
    Khi công dân mở tờ khai điện tử của thủ tục
    Thì tờ khai đã điền sẵn mọi thông tin lấy từ tài khoản định danh của công dân
    Và công dân không sửa được các thông tin định danh chính thức trên tờ khai
