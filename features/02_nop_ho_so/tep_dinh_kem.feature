# language: vi
@submission @mot_thu_tuc
Tính năng: Giấy tờ đính kèm đúng loại, đúng dung lượng
  Thành phần hồ sơ bắt buộc phải được đính kèm; cổng chỉ nhận các định dạng thủ tục cho
  phép, trong giới hạn dung lượng, và kiểm tra nội dung tệp chứ không chỉ phần mở rộng.
  Giới hạn là của từng thành phần: một tệp nặng đúng dung lượng tối đa vẫn được nhận, kể cả
  khi mọi thành phần cùng đầy (1 MB = 1 048 576 byte, như cổng tham chiếu tính; cổng từ chối
  sớm một yêu cầu lớn hơn tổng các giới hạn đó cộng phần tờ khai).

  Kịch bản: Hồ sơ thiếu giấy tờ bắt buộc bị từ chối
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã điền tờ khai với đủ thông tin nhưng chưa đính kèm giấy tờ
    Khi công dân nộp hồ sơ mà chưa đính kèm giấy tờ
    Thì cổng không nhận hồ sơ và báo ở giấy tờ bắt buộc: "Vui lòng đính kèm [tên giấy tờ]."
    Và các thông tin và giấy tờ công dân đã nhập vẫn còn nguyên

  Khung kịch bản: Giấy tờ đính kèm là <tep> bị từ chối
    Cho một công dân có phiên làm việc trên cổng dịch vụ công
    Và công dân đã điền tờ khai với đủ thông tin nhưng chưa đính kèm giấy tờ
    Khi công dân đính kèm giấy tờ bắt buộc là <tep> rồi nộp hồ sơ
    Thì cổng không nhận hồ sơ và báo ở giấy tờ bắt buộc: "<loi>"
    Và các thông tin và giấy tờ công dân đã nhập vẫn còn nguyên

    Dữ liệu:
      | tep                             | loi                                                                     |
      | văn bản Word                    | Loại tệp .docx không được chấp nhận: chỉ nhận tệp PDF, JPG, PNG.        |
      | bản PDF nặng 6 MB               | Tệp lớn hơn dung lượng cho phép (5 MB).                                 |
      | chương trình đổi tên thành .pdf | Nội dung tệp không phải là tệp PDF như phần mở rộng cho biết.           |

  Kịch bản: Mọi thành phần giấy tờ, mỗi tệp nặng đúng dung lượng tối đa, được nhận
    Khi công dân nộp hồ sơ, đính kèm mọi thành phần giấy tờ, mỗi tệp nặng đúng dung lượng tối đa của thành phần đó
    Thì cổng nhận hồ sơ có các tệp đó

  Kịch bản: Tệp nặng hơn dung lượng tối đa của thành phần giấy tờ một byte bị từ chối, ở mọi thành phần
    Khi công dân nộp hồ sơ lần lượt với mỗi thành phần giấy tờ nặng hơn dung lượng tối đa của chính nó một byte
    Thì cổng không nhận hồ sơ nào trong số đó, mỗi lần báo "Tệp lớn hơn dung lượng cho phép (N MB)." với N là dung lượng tối đa của thành phần quá cỡ
