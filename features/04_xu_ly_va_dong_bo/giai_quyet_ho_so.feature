# language: vi
@processing @mot_thu_tuc
Tính năng: Giải quyết hồ sơ theo quy trình và phân quyền
  Chuyên viên thẩm định, lãnh đạo phê duyệt; cơ quan có thể yêu cầu bổ sung giấy tờ hoặc
  yêu cầu thực hiện nghĩa vụ tài chính, và hồ sơ được xử lý tiếp khi công dân đáp ứng.
  Mỗi vai trò chỉ làm được việc của mình.

  @needs_national_record
  Kịch bản: Yêu cầu bổ sung giấy tờ, công dân bổ sung và hồ sơ được xử lý tiếp
    Cho một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi chuyên viên yêu cầu bổ sung giấy tờ bắt buộc với nội dung "Đề nghị nộp bản chụp rõ nét, đủ 4 góc."
    Thì công dân thấy hồ sơ của mình ở trạng thái "Yêu cầu bổ sung giấy tờ"
    Và công dân thấy yêu cầu bổ sung "Đề nghị nộp bản chụp rõ nét, đủ 4 góc."
    Khi công dân gửi bổ sung giấy tờ được yêu cầu
    Thì công dân thấy hồ sơ của mình ở trạng thái "Đang xử lý"
    Và chuyên viên thấy giấy tờ công dân bổ sung trong hồ sơ

  @needs_national_record
  Kịch bản: Công dân thực hiện nghĩa vụ tài chính và hồ sơ được xử lý tiếp
    Cho một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi cán bộ một cửa yêu cầu công dân thực hiện nghĩa vụ tài chính 50000 đồng
    Thì công dân thấy hồ sơ của mình ở trạng thái "Yêu cầu thực hiện nghĩa vụ tài chính"
    Và công dân thấy số tiền phải nộp 50.000 đồng
    Khi công dân thanh toán số tiền đó trực tuyến
    Thì công dân thấy hồ sơ của mình ở trạng thái "Đang xử lý"
    Và chuyên viên thấy thao tác "Thẩm định"

  @moi_thu_tuc @needs_national_record
  Kịch bản: Chuyên viên thẩm định, lãnh đạo phê duyệt
    Cho một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi chuyên viên thẩm định hồ sơ với ý kiến "Hồ sơ đủ điều kiện giải quyết."
    Thì chuyên viên thấy hồ sơ ở trạng thái "Đang xử lý"
    Và chuyên viên không thấy thao tác "Phê duyệt"
    Khi lãnh đạo phê duyệt hồ sơ
    Thì lãnh đạo thấy hồ sơ ở trạng thái "Đã xử lý xong"
    Và việc thẩm định và việc phê duyệt do hai cán bộ khác vai trò thực hiện

  @needs_national_record
  Khung kịch bản: Cán bộ không có vai trò phê duyệt thì không phê duyệt được
    Cho một công dân có hồ sơ ở trạng thái "Đang xử lý"
    Khi <vai trò> mở hồ sơ
    Thì <vai trò> không thấy thao tác "Phê duyệt"
    Khi <vai trò> gửi thẳng yêu cầu "Phê duyệt" hồ sơ đến cổng
    Thì cổng từ chối yêu cầu vì vai trò không được "Phê duyệt"
    Và hồ sơ vẫn ở trạng thái "Đang xử lý" trên cổng và trên Cổng DVCQG

    Dữ liệu:
      | vai trò        |
      | chuyên viên    |
      | cán bộ một cửa |
