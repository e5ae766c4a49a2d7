# language: vi
@submission
Tính năng: Tìm thủ tục trong danh mục theo tên, có dấu hay không dấu
  Công dân tìm thủ tục theo tên như mình gõ được: có dấu hay không dấu, chữ hoa hay chữ
  thường. "dang ky khai sinh" tìm được "Đăng ký khai sinh": chữ "đ"/"Đ" gõ thành "d"/"D".
  Đây là chính sách cổng được kiểm thử cần có (nhiều người dùng gõ không dấu trên điện
  thoại); danh mục không cần đăng nhập. Tìm một tên không thủ tục nào có thì danh mục không
  liệt kê thủ tục nào (không phải liệt kê tất cả).

  @mot_thu_tuc
  Khung kịch bản: Công dân tìm thủ tục theo tên gõ <cách gõ>
    Khi công dân tìm thủ tục trong danh mục bằng tên gõ <cách gõ>
    Thì thủ tục có trong kết quả tìm kiếm

    Dữ liệu:
      | cách gõ                      |
      | đúng như tên thủ tục, có dấu |
      | chữ thường, có dấu           |
      | không dấu                    |
      | chữ hoa, không dấu           |

  Kịch bản: Tìm một tên không có trong danh mục thì không thủ tục nào được liệt kê
    Khi công dân tìm thủ tục trong danh mục bằng tên "Cấp giấy phép bay vào vũ trụ"
    Thì danh mục không liệt kê thủ tục nào
