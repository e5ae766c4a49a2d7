# language: vi
@security
Tính năng: Sau khi đăng nhập, cổng chỉ đưa người dùng về trang của chính cổng
  Đường dẫn đăng nhập mang trang cần trở về sau khi đăng nhập (tham số next). Kẻ gian có
  thể gửi cho công dân một đường dẫn đăng nhập thật của cổng, với tham số đó trỏ sang một
  trang web giả mạo. Cổng chỉ nhận đường dẫn trong chính cổng; mọi địa chỉ khác (tuyệt
  đối, không có giao thức, dùng dấu gạch ngược hay ký tự điều khiển) bị bỏ qua. Trình
  duyệt của kịch bản chặn mọi yêu cầu ra khỏi 127.0.0.1: không có lưu lượng nào tới
  evil.example.

  Khung kịch bản: Công dân đăng nhập qua đường dẫn có tham số chuyển tiếp <địa chỉ>
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân đăng nhập qua đường dẫn đăng nhập của cổng có tham số chuyển tiếp "<địa chỉ>"
    Thì sau khi đăng nhập, công dân ở lại trên cổng dịch vụ công
    Và trình duyệt không được đưa tới trang web nào khác

    Dữ liệu:
      | địa chỉ                   |
      | https://evil.example/     |
      | //evil.example/ho-so      |
      | /%5Cevil.example          |
      | https:evil.example        |
      | /%09/evil.example         |
      | %2F%2Fevil.example        |

  Khung kịch bản: Cán bộ đăng nhập qua đường dẫn có tham số chuyển tiếp <địa chỉ>
    Khi cán bộ một cửa đăng nhập qua đường dẫn đăng nhập khu vực cán bộ có tham số chuyển tiếp "<địa chỉ>"
    Thì sau khi đăng nhập, cán bộ một cửa ở lại trong khu vực cán bộ
    Và trình duyệt không được đưa tới trang web nào khác

    Dữ liệu:
      | địa chỉ                   |
      | https://evil.example/     |
      | //evil.example/can-bo     |
      | /can-bo//evil.example     |
