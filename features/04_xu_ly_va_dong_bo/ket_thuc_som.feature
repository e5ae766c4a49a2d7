# language: vi
@processing @mot_thu_tuc
Tính năng: Rút hồ sơ và dừng xử lý
  Công dân có thể rút hồ sơ chưa có kết quả; lãnh đạo có thể dừng xử lý kèm lý do. Hồ sơ
  đã kết thúc không còn thao tác xử lý nào.

  @needs_national_record
  Kịch bản: Công dân rút hồ sơ đang được giải quyết
    Cho một công dân có hồ sơ ở trạng thái "Được tiếp nhận"
    Khi công dân rút hồ sơ với lý do "Gia đình đã nộp hồ sơ trực tiếp tại cơ quan giải quyết."
    Thì công dân thấy hồ sơ của mình ở trạng thái "Công dân yêu cầu rút hồ sơ"
    Và cán bộ một cửa thấy hồ sơ ở trạng thái "Công dân yêu cầu rút hồ sơ"
    Và cán bộ một cửa không còn thao tác xử lý nào với hồ sơ

  @needs_national_record @co_le_phi
  Kịch bản: Lãnh đạo dừng xử lý hồ sơ đã nộp lệ phí và công dân thấy lý do
    Lệ phí đã nộp không ngăn được việc dừng xử lý: chỉ thao tác "Yêu cầu thực hiện nghĩa vụ
    tài chính" mới không còn ý nghĩa khi công dân đã nộp.
    Cho một công dân có hồ sơ ở trạng thái "Đang xử lý"
    Khi lãnh đạo dừng xử lý hồ sơ với lý do "Việc này đã được cơ quan khác giải quyết."
    Thì công dân thấy hồ sơ của mình ở trạng thái "Dừng xử lý"
    Và công dân thấy lý do "Việc này đã được cơ quan khác giải quyết."
    Và lãnh đạo không còn thao tác xử lý nào với hồ sơ
