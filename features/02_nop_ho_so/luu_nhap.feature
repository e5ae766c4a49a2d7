# language: vi
@submission @mot_thu_tuc
Tính năng: Lưu nháp hồ sơ và nộp tiếp sau
  Công dân chưa đủ thông tin có thể lưu nháp; hồ sơ nháp nằm trong mục "Hồ sơ của tôi"
  với mọi thông tin và giấy tờ đã nhập, để nộp tiếp khi sẵn sàng. Chọn tệp khác cho một
  giấy tờ của hồ sơ nháp là thay tệp cũ: hồ sơ nộp chỉ mang tệp chọn sau cùng.

  Kịch bản: Công dân lưu nháp hồ sơ, mở lại từ Hồ sơ của tôi và nộp tiếp
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã điền một nửa tờ khai và đính kèm giấy tờ
    Khi công dân lưu nháp hồ sơ
    Và công dân mở lại hồ sơ nháp từ mục "Hồ sơ của tôi"
    Thì các thông tin và giấy tờ công dân đã nhập vẫn còn nguyên
    Khi công dân điền nốt tờ khai và nộp hồ sơ
    Thì giấy tiếp nhận hiển thị mã hồ sơ và trạng thái "Mới đăng ký"

  Kịch bản: Công dân thay giấy tờ của hồ sơ nháp, hồ sơ nộp chỉ mang tệp mới
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã điền một nửa tờ khai và đính kèm giấy tờ
    Khi công dân lưu nháp hồ sơ
    Và công dân mở lại hồ sơ nháp từ mục "Hồ sơ của tôi"
    Và công dân chọn tệp khác thay cho mỗi giấy tờ đã đính kèm
    Và công dân điền nốt tờ khai và nộp hồ sơ
    Thì trang hồ sơ chỉ liệt kê tệp công dân chọn sau cùng cho mỗi giấy tờ
