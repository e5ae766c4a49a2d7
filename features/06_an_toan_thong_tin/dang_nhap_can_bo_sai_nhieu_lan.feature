# language: vi
@security
Tính năng: Đăng nhập cán bộ bị tạm khóa sau nhiều lần nhập sai mật khẩu
  Kẻ gian đoán mật khẩu của cán bộ bằng cách thử liên tục. Cổng đếm số lần nhập sai của
  mỗi tên đăng nhập từ mỗi địa chỉ: sai 5 lần trong 15 phút thì tên đó bị tạm khóa đăng
  nhập từ địa chỉ đó trong 15 phút, kể cả khi nhập đúng mật khẩu, và cổng nói rõ khi nào
  thử lại. Cán bộ khác vẫn đăng nhập bình thường. Kịch bản dùng một tài khoản cán bộ tạo
  riêng cho nó, để không khóa các tài khoản dùng chung của những kịch bản khác.

  @needs_test_api @needs_clock
  Kịch bản: Nhập sai mật khẩu 5 lần thì tài khoản cán bộ bị tạm khóa, kể cả với mật khẩu đúng
    Cho một tài khoản cán bộ một cửa dành riêng cho kịch bản này
    Khi ai đó nhập sai mật khẩu của tài khoản đó 5 lần liên tiếp
    Thì cổng từ chối lần đăng nhập tiếp theo bằng đúng mật khẩu và báo thử lại sau 15 phút
    Nhưng cán bộ một cửa khác vẫn đăng nhập được bằng tài khoản của mình
    Khi thời gian tạm khóa đã qua
    Thì tài khoản đó đăng nhập được bằng đúng mật khẩu
