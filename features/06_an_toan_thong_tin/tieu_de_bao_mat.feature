# language: vi
@security @co_le_phi
Tính năng: Cổng gửi kèm các tiêu đề bảo mật, và trang vẫn chạy trọn vẹn dưới chính sách bảo mật nội dung
  Mọi trang cổng trả về mang: X-Content-Type-Options: nosniff (trình duyệt không đoán kiểu
  nội dung); cấm trang web khác nhúng cổng vào khung (X-Frame-Options và
  frame-ancestors); một chính sách bảo mật nội dung (Content-Security-Policy) chỉ cho chạy
  mã của chính cổng. Chính sách đó không được làm hỏng cổng: cả quá trình nộp hồ sơ, thanh
  toán và đăng xuất chạy trọn vẹn mà trình duyệt không ghi nhận vi phạm nào. Trang nhúng
  khung được trình duyệt tự dựng ngay trên địa chỉ của cổng (không có lưu lượng mạng nào
  khác): cổng cấm nhúng cả từ chính nó, nên càng cấm từ trang web khác.

  Kịch bản: Công dân nộp hồ sơ, thanh toán và đăng xuất dưới chính sách bảo mật nội dung của cổng
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và trình duyệt ghi lại mọi trang cổng trả về và mọi vi phạm chính sách bảo mật nội dung
    Khi công dân tìm thủ tục trong danh mục và nộp hồ sơ với đủ thông tin và giấy tờ
    Và công dân thanh toán lệ phí ngay trên giấy tiếp nhận qua "Ví điện tử"
    Và công dân đăng xuất
    Thì mọi trang cổng trả về đều cấm đoán kiểu nội dung, cấm nhúng vào khung và có chính sách bảo mật nội dung
    Và trình duyệt không ghi nhận vi phạm chính sách bảo mật nội dung nào trên trang của cổng

  Kịch bản: Một trang do kẻ gian dựng không nhúng được cổng vào khung để lừa người dùng bấm
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi một trang do kẻ gian dựng nhúng trang "Hồ sơ của tôi" của cổng vào khung
    Thì cổng vẫn trả trang nhưng trình duyệt không hiển thị nó trong khung
