# language: vi
@submission
Tính năng: Cổng nhận mọi dữ liệu hợp lệ mà người dân thật vẫn nhập
  Kiểm tra rằng dữ liệu sai bị từ chối chưa đủ: dữ liệu đúng theo mọi cách người dân
  thật vẫn viết cũng phải được nhận, và được ghi đúng như người dân muốn nói. Số điện
  thoại di động viết dạng 0…, 84…, +84…, có dấu cách, dấu chấm, gạch nối, với mọi họ đầu
  số (03x, 05x, 07x, 08x, 09x) của các nhà mạng; thư điện tử ở tên miền nhiều cấp
  (.gov.vn, .edu.vn, .com.vn…); họ tên có mọi dấu thanh và mọi chữ cái riêng của tiếng Việt.
  Mỗi giá trị là một hồ sơ nộp thẳng qua HTTP bằng phiên làm việc của công dân.

  @needs_national_record @mien_phi
  Kịch bản: Số điện thoại di động viết theo mọi cách thông dụng, với mọi họ đầu số, được nhận
    Khi công dân nộp hồ sơ một thủ tục miễn phí, mỗi lần ghi ô số điện thoại một giá trị trong bảng
      | công dân viết     | cổng ghi nhận |
      | 0912345678        | 0912345678    |
      | 84912345678       | 0912345678    |
      | +84912345678      | 0912345678    |
      | +84 912 345 678   | 0912345678    |
      | 0912.345.678      | 0912345678    |
      | 0912-345-678      | 0912345678    |
      | 0321234567        | 0321234567    |
      | 0561234567        | 0561234567    |
      | 0591234567        | 0591234567    |
      | 0701234567        | 0701234567    |
      | 0791234567        | 0791234567    |
      | 0811234567        | 0811234567    |
      | 0871234567        | 0871234567    |
      | 0891234567        | 0891234567    |
      | 0551234567        | 0551234567    |
      | 0991234567        | 0991234567    |
    Thì cổng nhận mọi hồ sơ đó
    Và Cổng DVCQG nhận ô đó đúng như cột "cổng ghi nhận" trong từng hồ sơ

  @needs_national_record @mien_phi
  Kịch bản: Thư điện tử ở tên miền nhiều cấp được nhận
    Khi công dân nộp hồ sơ một thủ tục miễn phí, mỗi lần ghi ô thư điện tử một giá trị trong bảng
      | công dân viết                         | cổng ghi nhận                         |
      | vanthu@hanoi.gov.vn                   | vanthu@hanoi.gov.vn                   |
      | tiepdan.ubnd@phuong1.hochiminh.gov.vn | tiepdan.ubnd@phuong1.hochiminh.gov.vn |
      | nguyen.van.an@hust.edu.vn             | nguyen.van.an@hust.edu.vn             |
      | lien-he@cong-ty-abc.com.vn            | lien-he@cong-ty-abc.com.vn            |
      | ke_toan@doanhnghiep.net.vn            | ke_toan@doanhnghiep.net.vn            |
      | an.nguyen+dvc@gmail.com               | an.nguyen+dvc@gmail.com               |
    Thì cổng nhận mọi hồ sơ đó
    Và Cổng DVCQG nhận ô đó đúng như cột "cổng ghi nhận" trong từng hồ sơ

  @mien_phi
  Kịch bản: Họ tên có mọi dấu thanh và mọi chữ cái riêng của tiếng Việt được nhận
    Khi công dân nộp hồ sơ một thủ tục miễn phí, mỗi lần ghi ô họ tên một giá trị trong bảng
      | công dân viết         | cổng ghi nhận         |
      | Nguyễn Thị Ánh Tuyết  | Nguyễn Thị Ánh Tuyết  |
      | Đặng Hữu Phước        | Đặng Hữu Phước        |
      | Lê Thị Mỹ Ỷ           | Lê Thị Mỹ Ỷ           |
      | Ông Ích Khiêm         | Ông Ích Khiêm         |
      | Âu Dương Ẩn           | Âu Dương Ẩn           |
      | Ưng Thị Ỳ             | Ưng Thị Ỳ             |
      | Giàng A Páo           | Giàng A Páo           |
      | Bế Thị Ỡ Ợ            | Bế Thị Ỡ Ợ            |
    Thì cổng nhận mọi hồ sơ đó
    Và cán bộ một cửa thấy ô đó đúng như cột "cổng ghi nhận" trong từng hồ sơ
