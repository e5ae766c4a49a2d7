# language: vi
@sso @needs_sso_mock
Tính năng: Cổng không mở phiên khi hệ thống định danh trả lời bất thường
  Ngoài các thông tin trong id_token, cổng dịch vụ công còn phải từ chối những sai sót
  mà bộ mô phỏng hệ thống định danh của GOV.UK One Login tạo được: thuật toán ký không
  phải RS256 (không ký, hay HS256 dùng khóa công khai làm khóa bí mật), thời điểm phát
  hành hay thời điểm có hiệu lực trong tương lai, mã khóa ký (kid) thiếu hay không được
  công bố, thông tin định danh của một người khác, mã cấp quyền bị từ chối, state bị đổi.
  Khi hệ thống định danh thay khóa ký, cổng nhận khóa mới và không còn tin khóa đã thu hồi.

  Khung kịch bản: Cổng từ chối id_token <sai sót>, dù các thông tin khác đều đúng
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và hệ thống định danh sẽ cấp cho công dân một id_token <sai sót>
    Khi công dân thử đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì cổng báo rằng thông tin xác thực không hợp lệ
    Và công dân chưa được đăng nhập vào cổng

    Dữ liệu:
      | sai sót                                              |
      | không có chữ ký (alg none)                           |
      | ký HS256 bằng khóa công khai của hệ thống định danh  |
      | phát hành vào một thời điểm trong tương lai          |
      | chỉ có hiệu lực từ một thời điểm trong tương lai     |
      | không ghi mã khóa ký (kid)                           |
      | ghi mã khóa ký không có trong danh sách khóa công bố |

  Khung kịch bản: Cổng không mở phiên khi hệ thống định danh <trả lời sai>
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và hệ thống định danh sẽ <trả lời sai> ở lần đăng nhập tiếp theo của công dân
    Khi công dân thử đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì cổng báo rằng <lý do>
    Và công dân chưa được đăng nhập vào cổng

    Dữ liệu:
      | trả lời sai                                | lý do                                               |
      | trả thông tin định danh của một người khác | thông tin xác thực không hợp lệ                     |
      | từ chối mã cấp quyền (invalid_grant)       | mã đăng nhập không còn hiệu lực                     |
      | trả về state khác với state cổng đã gửi    | yêu cầu đăng nhập không hợp lệ hoặc đã được sử dụng |

  Kịch bản: Hệ thống định danh thay khóa ký: cổng nhận khóa mới, từ chối khóa đã thu hồi
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và hệ thống định danh vừa thay khóa ký và thu hồi khóa cũ
    Khi công dân đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì trang cá nhân hiển thị họ tên và số định danh của công dân
    Khi công dân đăng xuất
    Và công dân thử đăng nhập lại nhưng id_token được ký bằng khóa đã thu hồi
    Thì cổng báo rằng thông tin xác thực không hợp lệ
    Và công dân chưa được đăng nhập vào cổng
