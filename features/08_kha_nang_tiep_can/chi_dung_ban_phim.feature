# language: vi
@accessibility @mot_thu_tuc
Tính năng: Nộp hồ sơ chỉ bằng bàn phím
  Người không dùng được chuột (người khiếm thị dùng trình đọc màn hình, người bị hạn chế
  vận động) phải tìm được thủ tục và nộp được hồ sơ chỉ bằng bàn phím: Tab và Shift+Tab để
  di chuyển, Enter và phím cách để bấm, phím mũi tên để chọn trong danh sách. Phần tử đang
  được chọn phải hiện rõ (viền tương phản ít nhất 3:1 với nền, WCAG 2.2 tiêu chí 1.4.11 và
  2.4.7), thứ tự di chuyển phải theo thứ tự đọc của tờ khai. Kịch bản không bấm chuột lần nào.

  Kịch bản: Công dân tìm thủ tục và nộp hồ sơ chỉ bằng bàn phím
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân chỉ dùng bàn phím để tìm thủ tục từ trang chủ, điền tờ khai, đính kèm giấy tờ và nộp hồ sơ
    Thì giấy tiếp nhận hiển thị mã hồ sơ và trạng thái "Mới đăng ký"
    Và phím Tab đi qua các ô của tờ khai theo đúng thứ tự trên tờ khai, Shift+Tab đi ngược lại
    Và mỗi phần tử công dân đi tới bằng bàn phím đều hiện rõ viền được chọn, tương phản đủ với nền
    Và hồ sơ có trong mục "Hồ sơ của tôi" với trạng thái "Mới đăng ký"
