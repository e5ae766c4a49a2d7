# language: vi
@submission
Tính năng: Cổng nhận mọi dữ liệu hợp lệ mà người dân thật vẫn nhập
  Kiểm tra rằng dữ liệu sai bị từ chối chưa đủ: dữ liệu đúng theo mọi cách người dân
  thật vẫn viết cũng phải được nhận, và được ghi đúng như người dân muốn nói. Số điện
  thoại di động viết dạng 0…, 84…, +84…, có dấu cách, dấu chấm, gạch nối, với mọi họ đầu
  số (03x, 05x, 07x, 08x, 09x) của các nhà mạng; thư điện tử ở tên miền nhiều cấp
  (.gov.vn, .edu.vn, .com.vn…); họ tên có mọi dấu thanh và mọi chữ cái riêng của tiếng Việt,
  kể cả khi lỡ gõ hai dấu cách liền nhau (ghi nhận là một dấu cách); ngày viết theo kiểu
  ngày/tháng/năm như người Việt vẫn viết hay năm-tháng-ngày như ô chọn ngày gửi, kể cả ngày
  hôm nay với ô "không được sau ngày hôm nay"; số định danh cá nhân mang mã tỉnh của mọi
  tỉnh, thành phố (63 mã của phụ lục Thông tư 59/2021/TT-BCA; các tỉnh sau sắp xếp năm 2025
  giữ mã cũ của mình nên số định danh đã cấp vẫn dùng được). Giới hạn tuổi tính đúng cả
  vào ngày 29/02: trẻ chưa đủ 6 tuổi vẫn được nhận hồ sơ liên thông dưới 6 tuổi.
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
      | Trần  Văn   Bình      | Trần Văn Bình         |
    Thì cổng nhận mọi hồ sơ đó
    Và cán bộ một cửa thấy ô đó đúng như cột "cổng ghi nhận" trong từng hồ sơ

  @mien_phi
  Kịch bản: Ngày viết ngày/tháng/năm hay năm-tháng-ngày, kể cả hôm nay, được nhận đúng ngày đó
    Khi công dân nộp hồ sơ một thủ tục miễn phí, mỗi lần ghi ô ngày sinh một giá trị trong bảng
      | công dân viết | cổng ghi nhận |
      | 05/01/2025    | 05/01/2025    |
      | 2025-01-05    | 05/01/2025    |
      | 29/02/2024    | 29/02/2024    |
      | 31/12/2025    | 31/12/2025    |
      | hôm nay       | hôm nay       |
    Thì cổng nhận mọi hồ sơ đó
    Và cán bộ một cửa thấy ô đó đúng như cột "cổng ghi nhận" trong từng hồ sơ

  @mien_phi
  Kịch bản: Ngày không có thật gõ tay bị từ chối bằng lời nhắn tại ô, không làm cổng lỗi
    Ô ngày của trình duyệt không cho chọn ngày 31/02, nhưng tờ khai gửi thẳng (hay trình
    duyệt không có ô chọn ngày) thì có: cổng phải từ chối bằng lời nhắn tiếng Việt, không
    trả lỗi máy chủ.
    Khi công dân nộp hồ sơ một thủ tục miễn phí, mỗi lần ghi ô ngày sinh một giá trị trong bảng
      | công dân viết |
      | 31/02/2025    |
      | 29/02/2025    |
      | 00/01/2025    |
      | 15/13/2025    |
      | 2025-02-30    |
    Thì cổng không nhận hồ sơ nào trong đó và mỗi lần báo tại ô đó: "[tên ô] không phải là một ngày hợp lệ"

  @mien_phi
  Kịch bản: Số định danh cá nhân mang mã tỉnh của mọi tỉnh, thành phố được nhận
    Khi công dân nộp hồ sơ một thủ tục miễn phí, mỗi lần ghi ô số định danh một giá trị trong bảng
      | công dân viết | tỉnh, thành phố nơi đăng ký khai sinh (mã) |
      | 001188000000  | Hà Nội (001)                               |
      | 002188007919  | Hà Giang (002)                             |
      | 004188015838  | Cao Bằng (004)                             |
      | 006188023757  | Bắc Kạn (006)                              |
      | 008188031676  | Tuyên Quang (008)                          |
      | 010188039595  | Lào Cai (010)                              |
      | 011188047514  | Điện Biên (011)                            |
      | 012188055433  | Lai Châu (012)                             |
      | 014188063352  | Sơn La (014)                               |
      | 015188071271  | Yên Bái (015)                              |
      | 017188079190  | Hòa Bình (017)                             |
      | 019188087109  | Thái Nguyên (019)                          |
      | 020188095028  | Lạng Sơn (020)                             |
      | 022188102947  | Quảng Ninh (022)                           |
      | 024188110866  | Bắc Giang (024)                            |
      | 025188118785  | Phú Thọ (025)                              |
      | 026188126704  | Vĩnh Phúc (026)                            |
      | 027188134623  | Bắc Ninh (027)                             |
      | 030188142542  | Hải Dương (030)                            |
      | 031188150461  | Hải Phòng (031)                            |
      | 033188158380  | Hưng Yên (033)                             |
      | 034188166299  | Thái Bình (034)                            |
      | 035188174218  | Hà Nam (035)                               |
      | 036188182137  | Nam Định (036)                             |
      | 037188190056  | Ninh Bình (037)                            |
      | 038188197975  | Thanh Hóa (038)                            |
      | 040188205894  | Nghệ An (040)                              |
      | 042188213813  | Hà Tĩnh (042)                              |
      | 044188221732  | Quảng Bình (044)                           |
      | 045188229651  | Quảng Trị (045)                            |
      | 046188237570  | Thừa Thiên Huế (046)                       |
      | 048188245489  | Đà Nẵng (048)                              |
      | 049188253408  | Quảng Nam (049)                            |
      | 051188261327  | Quảng Ngãi (051)                           |
      | 052188269246  | Bình Định (052)                            |
      | 054188277165  | Phú Yên (054)                              |
      | 056188285084  | Khánh Hòa (056)                            |
      | 058188293003  | Ninh Thuận (058)                           |
      | 060188300922  | Bình Thuận (060)                           |
      | 062188308841  | Kon Tum (062)                              |
      | 064188316760  | Gia Lai (064)                              |
      | 066188324679  | Đắk Lắk (066)                              |
      | 067188332598  | Đắk Nông (067)                             |
      | 068188340517  | Lâm Đồng (068)                             |
      | 070188348436  | Bình Phước (070)                           |
      | 072188356355  | Tây Ninh (072)                             |
      | 074188364274  | Bình Dương (074)                           |
      | 075188372193  | Đồng Nai (075)                             |
      | 077188380112  | Bà Rịa - Vũng Tàu (077)                    |
      | 079188388031  | Thành phố Hồ Chí Minh (079)                |
      | 080188395950  | Long An (080)                              |
      | 082188403869  | Tiền Giang (082)                           |
      | 083188411788  | Bến Tre (083)                              |
      | 084188419707  | Trà Vinh (084)                             |
      | 086188427626  | Vĩnh Long (086)                            |
      | 087188435545  | Đồng Tháp (087)                            |
      | 089188443464  | An Giang (089)                             |
      | 091188451383  | Kiên Giang (091)                           |
      | 092188459302  | Cần Thơ (092)                              |
      | 093188467221  | Hậu Giang (093)                            |
      | 094188475140  | Sóc Trăng (094)                            |
      | 095188483059  | Bạc Liêu (095)                             |
      | 096188490978  | Cà Mau (096)                               |
    Thì cổng nhận mọi hồ sơ đó

  @lien_thong @needs_clock @needs_national_portal_mock
  Kịch bản: Ngày 29/02, trẻ chưa đủ 6 tuổi vẫn được nhận hồ sơ liên thông
    Cho đồng hồ của cổng và của Cổng DVCQG đang ở ngày 29/02 của năm nhuận tới
    Khi công dân nộp hồ sơ thủ tục liên thông, mỗi lần ghi ô ngày sinh của trẻ một ngày trong bảng, năm tính từ năm của cổng
      | ngày sinh của trẻ    |
      | 01/03 của 6 năm trước |
      | 29/02 của 4 năm trước |
      | 28/02 của 1 năm trước |
    Thì cổng nhận mọi hồ sơ đó
    Và Cổng DVCQG nhận mọi hồ sơ đó trước khi hai đồng hồ quay về hôm nay
