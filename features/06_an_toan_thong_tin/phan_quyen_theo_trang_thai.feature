# language: vi
@security
Tính năng: Mỗi vai trò, mỗi thao tác, mỗi trạng thái của hồ sơ
  Bảng dưới đây là ma trận phân quyền: với hồ sơ ở mỗi trạng thái, mỗi vai trò cán bộ chỉ
  thấy đúng các thao tác ghi trong bảng. Mọi thao tác khác (của vai trò khác, hay không
  áp dụng cho trạng thái đó), gửi thẳng đến cổng bằng phiên làm việc của cán bộ, đều bị
  từ chối và không làm thay đổi hồ sơ trên cổng lẫn trên Cổng DVCQG. Thủ tục miễn phí
  có một bước thẩm định; hồ sơ chưa quá hạn nên chưa có thư xin lỗi. Một thao tác mà khu
  vực cán bộ không có, gửi thẳng đến cổng, được trả lời HTTP 404 (không tìm thấy: thao tác
  ấy không tồn tại, RFC 9110 §15.5.5), không phải một mã khác như 405 hay 500.

  @needs_national_portal_mock @mien_phi
  Khung kịch bản: Với hồ sơ "<trạng thái>", mỗi vai trò chỉ thấy và chỉ làm được các thao tác của mình
    Cho một công dân có hồ sơ một thủ tục miễn phí ở trạng thái "<trạng thái>"
    Thì cán bộ một cửa chỉ thấy các thao tác: <cán bộ một cửa>; mọi thao tác khác gửi thẳng đến cổng đều bị từ chối, hồ sơ không đổi
    Và chuyên viên chỉ thấy các thao tác: <chuyên viên>; mọi thao tác khác gửi thẳng đến cổng đều bị từ chối, hồ sơ không đổi
    Và lãnh đạo chỉ thấy các thao tác: <lãnh đạo>; mọi thao tác khác gửi thẳng đến cổng đều bị từ chối, hồ sơ không đổi
    Và hồ sơ vẫn ở trạng thái "<trạng thái>" trên cổng và trên Cổng DVCQG

    Dữ liệu:
      | trạng thái                           | cán bộ một cửa                                             | chuyên viên                                                           | lãnh đạo              |
      | Mới đăng ký                          | Tiếp nhận, Từ chối tiếp nhận                               | không có                                                              | không có              |
      | Được tiếp nhận                       | Yêu cầu bổ sung, Yêu cầu thực hiện nghĩa vụ tài chính      | Yêu cầu bổ sung, Yêu cầu thực hiện nghĩa vụ tài chính, Thẩm định      | Dừng xử lý            |
      | Không được tiếp nhận                 | không có                                                   | không có                                                              | không có              |
      | Đang xử lý                           | Yêu cầu bổ sung, Yêu cầu thực hiện nghĩa vụ tài chính      | Yêu cầu bổ sung, Yêu cầu thực hiện nghĩa vụ tài chính                 | Phê duyệt, Dừng xử lý |
      | Yêu cầu bổ sung giấy tờ              | không có                                                   | không có                                                              | Dừng xử lý            |
      | Yêu cầu thực hiện nghĩa vụ tài chính | không có                                                   | không có                                                              | Dừng xử lý            |
      | Công dân yêu cầu rút hồ sơ           | không có                                                   | không có                                                              | không có              |
      | Dừng xử lý                           | không có                                                   | không có                                                              | không có              |
      | Đã xử lý xong                        | Trả kết quả                                                | không có                                                              | không có              |
      | Đã trả kết quả                       | không có                                                   | không có                                                              | không có              |

  @needs_national_portal_mock @mien_phi
  Kịch bản: Cán bộ gửi thẳng đến cổng một thao tác không có
    Cho một công dân có hồ sơ một thủ tục miễn phí ở trạng thái "Mới đăng ký"
    Khi cán bộ một cửa gửi thẳng đến cổng một thao tác mà khu vực cán bộ không có, kèm phiên làm việc và mã chống giả mạo hợp lệ
    Thì cổng trả lời HTTP 404: không có thao tác đó
    Và hồ sơ vẫn ở trạng thái "Mới đăng ký" trên cổng và trên Cổng DVCQG
