# language: vi
@accessibility
Tính năng: Mọi trang công dân đi qua đều đạt chuẩn tiếp cận WCAG 2.2 mức AA
  Dịch vụ công phục vụ mọi người, kể cả người khiếm thị dùng trình đọc màn hình, người nhìn
  kém, người không dùng được chuột. Công cụ axe-core kiểm tra từng trang công dân đi qua
  trong vòng đời một hồ sơ (của cổng, của hệ thống định danh, của nền tảng thanh toán)
  theo WCAG 2.2 mức A và AA: không được có lỗi mức nghiêm trọng (serious) hay rất nghiêm
  trọng (critical) nào, chẳng hạn chữ không đủ tương phản, ô nhập không có nhãn, trang
  không có vùng chính, nút quá nhỏ để bấm.

  Khung kịch bản: <trang> không có lỗi tiếp cận nghiêm trọng
    Cho một công dân có tài khoản Cổng Dịch vụ công quốc gia
    Khi công dân mở <trang> để kiểm tra khả năng tiếp cận
    Thì axe-core không tìm thấy lỗi tiếp cận nghiêm trọng nào theo WCAG 2.2 AA trên trang đó

    Dữ liệu:
      | trang                                    |
      | trang chủ                                |
      | danh mục thủ tục                         |
      | trang thông tin thủ tục                  |
      | trang đăng nhập của hệ thống định danh   |
      | trang đăng nhập không thành công         |
      | trang cá nhân                            |
      | tờ khai nộp hồ sơ                        |
      | tờ khai đang báo lỗi                     |
      | giấy tiếp nhận                           |
      | hồ sơ của tôi                            |
      | trang chi tiết hồ sơ                     |
      | trang thanh toán của nền tảng thanh toán |
      | trang kết quả thanh toán                 |
      | trang xác thực kết quả điện tử           |
      | trang đã đăng xuất                       |
