# language: vi
@security @mot_thu_tuc
Tính năng: Cổng từ chối tệp tải lên nguy hiểm, kể cả khi tệp được gửi thẳng không qua trình duyệt
  Kẻ gian không dùng trình duyệt: họ tự đặt tên tệp (có đường dẫn, có hai phần mở rộng),
  tự khai kiểu nội dung, tự chọn dung lượng. Cổng kiểm tra tên, phần mở rộng, nội dung
  thật của tệp và dung lượng ở phía máy chủ, nói rõ lý do từ chối, và không lưu tệp bị
  từ chối vào hồ sơ.

  Khung kịch bản: Tệp "<tên tệp>" khai là <kiểu khai báo>, nội dung <nội dung>, gửi thẳng đến cổng bị từ chối
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân gửi thẳng đến cổng hồ sơ với giấy tờ bắt buộc là tệp "<tên tệp>" khai là <kiểu khai báo>, nội dung <nội dung>
    Thì cổng không nhận tệp và báo: "<lời báo>"
    Và tệp bị từ chối không được lưu vào hồ sơ nào của công dân

    Dữ liệu:
      | tên tệp                       | kiểu khai báo    | nội dung                | lời báo                                                             |
      | giay-chung-sinh.exe.pdf       | application/pdf  | một bản PDF             | Tên tệp có nhiều phần mở rộng                                        |
      | giay-chung-sinh.pdf.exe       | application/pdf  | một bản PDF             | Tên tệp có nhiều phần mở rộng                                        |
      | ../../../etc/giay-chung-sinh.pdf | application/pdf | một bản PDF          | Tên tệp không được chứa đường dẫn                                    |
      | ..\\..\\giay-chung-sinh.pdf   | application/pdf  | một bản PDF             | Tên tệp không được chứa đường dẫn                                    |
      | giay-chung-sinh.pdf           | text/html        | một trang HTML có mã script | Nội dung tệp không phải là tệp PDF như phần mở rộng cho biết.     |
      | giay-chung-sinh.png           | image/png        | một ảnh SVG có mã script | Nội dung tệp không phải là tệp PNG như phần mở rộng cho biết.      |
      | giay-chung-sinh.pdf           | application/pdf  | một bản PDF nặng 6 MB   | Tệp lớn hơn dung lượng cho phép (5 MB).                              |

  Kịch bản: Một yêu cầu lớn hơn mọi giấy tờ của thủ tục cộng lại bị từ chối
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Khi công dân gửi thẳng đến cổng hồ sơ với giấy tờ bắt buộc là tệp "giay-chung-sinh.pdf" khai là application/pdf, nội dung một bản PDF nặng 30 MB
    Thì cổng từ chối yêu cầu quá lớn và báo: "Tệp tải lên vượt quá dung lượng cho phép."
    Và tệp bị từ chối không được lưu vào hồ sơ nào của công dân
