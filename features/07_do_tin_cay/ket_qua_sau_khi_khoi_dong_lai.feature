# language: vi
@reliability @mot_thu_tuc
Tính năng: Văn bản kết quả đã cấp vẫn xác thực được sau khi cổng khởi động lại
  Công dân giữ văn bản kết quả điện tử nhiều năm; người nhận kiểm tra chữ ký số của văn bản
  với chứng thư gốc (CA) mà cơ quan công bố. Vì vậy cổng giữ chứng thư gốc và chứng thư ký
  qua mọi lần khởi động, chỉ làm mới khi sắp hết hạn (chính sách của cổng tham chiếu: 30
  ngày trước khi hết hạn). Một lần khởi động lại không được làm văn bản đã cấp mất giá trị.
  Kịch bản chạy trên bộ cổng và hệ thống mô phỏng riêng của các kịch bản độ tin cậy.

  Bối cảnh:
    Cho cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy
    Và một công dân có phiên làm việc trên cổng chạy riêng

  Kịch bản: Văn bản cấp trước khi cổng khởi động lại vẫn chuỗi về chứng thư gốc cơ quan công bố sau đó
    Cho công dân đã tải về kết quả điện tử của hồ sơ trên cổng chạy riêng
    Khi cổng được khởi động lại
    Thì cơ quan vẫn công bố chứng thư gốc đã công bố trước khi cổng khởi động lại
    Và văn bản công dân đã tải có chữ ký số hợp lệ, chuỗi về chứng thư gốc cơ quan công bố hiện nay
