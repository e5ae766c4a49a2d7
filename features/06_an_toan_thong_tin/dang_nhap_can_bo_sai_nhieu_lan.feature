# language: vi
@security
Tính năng: Đăng nhập cán bộ bị tạm khóa sau nhiều lần nhập sai mật khẩu
  Kẻ gian đoán mật khẩu của cán bộ bằng cách thử liên tục. Cổng đếm số lần nhập sai của
  mỗi tên đăng nhập từ mỗi địa chỉ: sai 5 lần trong 15 phút thì tên đó bị tạm khóa đăng
  nhập từ địa chỉ đó trong 15 phút, kể cả khi nhập đúng mật khẩu, và cổng nói rõ khi nào
  thử lại. Cán bộ khác vẫn đăng nhập bình thường. Mỗi kịch bản dùng một tài khoản cán bộ
  tạo riêng cho nó, để không khóa các tài khoản dùng chung của những kịch bản khác.
  Cổng trả lời theo HTTP (chính sách của cổng tham chiếu, docs/portal.md): mật khẩu sai là
  HTTP 401; lần thử khi đang bị khóa là HTTP 429 kèm tiêu đề Retry-After (số giây còn phải
  chờ, không quá 15 phút), và số phút trong lời báo "thử lại sau N phút" là số giây ấy
  làm tròn lên thành phút.

  @needs_test_api @needs_clock
  Kịch bản: Nhập sai mật khẩu 5 lần thì tài khoản cán bộ bị tạm khóa, kể cả với mật khẩu đúng
    Cho một tài khoản cán bộ một cửa dành riêng cho kịch bản này
    Khi ai đó nhập sai mật khẩu của tài khoản đó 5 lần liên tiếp
    Thì cổng từ chối lần đăng nhập tiếp theo bằng đúng mật khẩu và báo thử lại sau 15 phút
    Nhưng cán bộ một cửa khác vẫn đăng nhập được bằng tài khoản của mình
    Khi thời gian tạm khóa đã qua
    Thì tài khoản đó đăng nhập được bằng đúng mật khẩu

  @needs_test_api
  Kịch bản: Mật khẩu sai được trả lời HTTP 401, lần thử khi bị khóa HTTP 429 kèm Retry-After khớp số phút cổng báo
    Cho một tài khoản cán bộ một cửa dành riêng cho kịch bản này
    Khi ai đó gửi thẳng đến cổng 5 yêu cầu đăng nhập bằng mật khẩu sai của tài khoản đó
    Thì cổng trả lời mỗi yêu cầu ấy bằng HTTP 401
    Và cổng trả lời yêu cầu đăng nhập tiếp theo bằng đúng mật khẩu bằng HTTP 429 kèm Retry-After không quá 15 phút, và báo thử lại sau đúng số phút ấy

  @needs_test_api @needs_clock
  Kịch bản: Chỉ những lần nhập sai trong 15 phút gần nhất bị đếm
    Lúc 09:20, lần sai lúc 09:00 đã quá 15 phút: chỉ còn 4 lần sai (09:10 và ba lần lúc 09:20)
    trong 15 phút gần nhất, chưa tới 5, nên tài khoản chưa bị khóa.
    Cho một tài khoản cán bộ một cửa dành riêng cho kịch bản này
    Và đồng hồ của cổng chỉ 09:00 ngày 01/12/2026
    Khi ai đó nhập sai mật khẩu của tài khoản đó thêm 1 lần
    Và đồng hồ của cổng chỉ 09:10 ngày 01/12/2026
    Và ai đó nhập sai mật khẩu của tài khoản đó thêm 1 lần
    Và đồng hồ của cổng chỉ 09:20 ngày 01/12/2026
    Và ai đó nhập sai mật khẩu của tài khoản đó thêm 3 lần
    Thì tài khoản đó đăng nhập được bằng đúng mật khẩu
