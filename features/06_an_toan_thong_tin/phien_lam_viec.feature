# language: vi
@security
Tính năng: Phiên làm việc trên cổng không bị chiếm đoạt
  Cookie phiên làm việc chỉ mang một mã ngẫu nhiên; dữ liệu phiên nằm trên máy chủ. Mã
  phiên đổi khi người dùng đăng nhập (kẻ gian cài sẵn mã phiên vào trình duyệt nạn nhân
  cũng không vào được phiên của họ), mã cũ hết hiệu lực trên máy chủ khi người dùng đăng
  xuất (một bản sao của cookie không dùng lại được), và mã JavaScript trên trang không đọc
  được cookie. Thuộc tính Secure (chỉ gửi qua https) được kiểm tra bằng kiểm thử đơn vị
  của cổng, vì cổng tham chiếu chạy bằng http trên 127.0.0.1.

  Kịch bản: Mã phiên do kẻ gian cài sẵn vào trình duyệt của công dân không dẫn vào phiên của công dân
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và kẻ gian đã cài mã phiên của mình vào trình duyệt của công dân
    Khi công dân đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì trình duyệt của công dân mang một mã phiên mới, khác mã kẻ gian đã cài
    Và kẻ gian không có phiên làm việc trên cổng

  Kịch bản: Mã phiên do kẻ gian cài sẵn vào trình duyệt của cán bộ không dẫn vào khu vực cán bộ
    Cho kẻ gian đã cài mã phiên của mình vào trình duyệt của cán bộ một cửa
    Khi cán bộ một cửa đăng nhập khu vực cán bộ bằng tài khoản của mình
    Thì kẻ gian không vào được khu vực cán bộ

  Kịch bản: Cookie phiên làm việc không đọc được bằng JavaScript và không đi kèm yêu cầu từ trang web khác
    Cho một công dân đã đăng nhập vào cổng dịch vụ công
    Thì cookie phiên làm việc của cổng có thuộc tính HttpOnly và SameSite
    Và mã JavaScript trên trang của cổng không đọc được cookie phiên làm việc

  Kịch bản: Bản sao cookie phiên làm việc không dùng được nữa sau khi công dân đăng xuất
    Cho một công dân đã đăng nhập vào cổng dịch vụ công
    Và kẻ gian đã chép được cookie phiên làm việc của công dân
    Khi công dân đăng xuất
    Thì kẻ gian không có phiên làm việc trên cổng

  Kịch bản: Bản sao cookie phiên làm việc không dùng được nữa sau khi cán bộ đăng xuất
    Cho cán bộ một cửa đã đăng nhập khu vực cán bộ
    Và kẻ gian đã chép được cookie phiên làm việc của cán bộ một cửa
    Khi cán bộ một cửa đăng xuất khỏi khu vực cán bộ
    Thì kẻ gian không vào được khu vực cán bộ
