# language: vi
@sso
Tính năng: Cổng chỉ tin thông tin xác thực đúng, mới và dành cho chính mình
  Cổng dịch vụ công kiểm tra id_token của hệ thống định danh (chữ ký, bên phát hành,
  ứng dụng nhận, thời hạn, nonce) và chỉ chấp nhận mỗi lần đăng nhập một lần, trên
  đúng trình duyệt đã bắt đầu nó. Thông tin sai thì không có phiên làm việc nào.
  Một trình duyệt có thể bắt đầu đăng nhập ở vài thẻ cùng lúc; cổng giữ tối đa 5 lần đăng
  nhập đang dở của mỗi trình duyệt (chính sách của cổng tham chiếu: thông tin phiên có
  giới hạn), lần cũ hơn bị bỏ và công dân được mời đăng nhập lại.

  @needs_sso_mock
  Khung kịch bản: Cổng từ chối id_token <sai sót>
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và hệ thống định danh sẽ cấp cho công dân một id_token <sai sót>
    Khi công dân thử đăng nhập vào cổng dịch vụ công bằng tài khoản đó
    Thì cổng báo rằng thông tin xác thực không hợp lệ
    Và công dân chưa được đăng nhập vào cổng

    Dữ liệu:
      | sai sót                               |
      | có chữ ký giả mạo                     |
      | đã hết hạn                            |
      | do một bên phát hành khác cấp         |
      | cấp cho một ứng dụng khác             |
      | mang nonce của một lần đăng nhập khác |

  @needs_sso_mock
  Kịch bản: Mở lại đường dẫn trả về của một lần đăng nhập đã dùng thì bị từ chối
    Cho một công dân vừa đăng nhập vào cổng dịch vụ công
    Khi đường dẫn trả về từ hệ thống định danh được mở lại lần thứ hai
    Thì cổng báo rằng yêu cầu đăng nhập không hợp lệ hoặc đã được sử dụng
    Và cổng không gửi lại mã cấp quyền đó cho hệ thống định danh

  Kịch bản: Đường dẫn trả về bị lấy cắp không mở được phiên ở trình duyệt khác
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Và công dân đã đăng nhập tại hệ thống định danh nhưng đường dẫn trả về bị kẻ gian lấy mất
    Khi kẻ gian mở đường dẫn trả về đó trên trình duyệt của mình
    Thì cổng báo kẻ gian rằng yêu cầu đăng nhập không hợp lệ hoặc đã được sử dụng
    Và kẻ gian không có phiên làm việc trên cổng

  @needs_sso_mock
  Kịch bản: Bắt đầu đăng nhập ở 6 thẻ: thẻ cũ nhất bị từ chối, thẻ mới nhất đăng nhập được
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân bắt đầu đăng nhập ở 6 thẻ của cùng một trình duyệt, lần lượt
    Và công dân đăng nhập tại hệ thống định danh ở thẻ mở đầu tiên
    Thì cổng báo rằng yêu cầu đăng nhập không hợp lệ hoặc đã được sử dụng
    Và ở thẻ mở sau cùng, công dân đăng nhập được và thấy trang cá nhân của mình
