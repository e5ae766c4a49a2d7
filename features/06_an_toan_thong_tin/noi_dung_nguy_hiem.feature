# language: vi
@security @mot_thu_tuc
Tính năng: Nội dung công dân nhập hiển thị đúng như đã nhập, không chạy như mã
  Công dân (hay kẻ gian) có thể gõ mã HTML, JavaScript hay cú pháp mẫu trang vào một ô của
  tờ khai. Cổng lưu và hiển thị đúng nguyên văn ở mọi nơi (giấy tờ đã lưu, trang xử lý
  của cán bộ), không trình duyệt nào chạy mã đó (không hộp thoại nào bật lên) và không
  máy chủ nào diễn giải nó.

  Khung kịch bản: Nội dung <kiểu nội dung> gõ vào tờ khai hiện nguyên văn cho công dân và cán bộ
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và trình duyệt của công dân và của cán bộ một cửa được theo dõi hộp thoại
    Và công dân đã điền tờ khai với đủ thông tin và giấy tờ
    Khi công dân gõ '<nội dung>' vào ô "Nơi sinh" và nộp hồ sơ
    Thì cán bộ một cửa mở hồ sơ thấy "Nơi sinh" ghi nguyên văn '<nội dung>'
    Và không trình duyệt nào mở hộp thoại hay chạy mã công dân đã gõ

    Dữ liệu:
      | kiểu nội dung       | nội dung                                                  |
      | thẻ script          | <script>alert("xss")</script> Bệnh viện Phụ sản Hà Nội     |
      | thuộc tính sự kiện  | "><img src=x onerror=alert(1)> Trạm y tế xã              |
      | thẻ svg             | </dd><svg onload=alert(document.cookie)> Nhà hộ sinh       |
      | cú pháp mẫu trang   | {{ 7*7 }} {% raw %} Bệnh viện ${7*7}                       |
