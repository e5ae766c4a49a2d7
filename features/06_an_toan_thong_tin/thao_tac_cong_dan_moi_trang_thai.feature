# language: vi
@security
Tính năng: Công dân không thể làm gì thêm với hồ sơ đã kết thúc; không phê duyệt hồ sơ chưa nộp phí
  Hồ sơ đã bị từ chối tiếp nhận, đã rút, đã dừng xử lý hay đã trả kết quả thì công dân
  không còn thanh toán, bổ sung giấy tờ hay rút hồ sơ được nữa: trang không còn các nút
  đó, và yêu cầu gửi thẳng đến cổng bị từ chối, hồ sơ không đổi. Hồ sơ có lệ phí mà công
  dân chưa nộp thì lãnh đạo không phê duyệt được.

  @needs_national_portal_mock @co_le_phi
  Khung kịch bản: Công dân không thể thanh toán, bổ sung hay rút hồ sơ ở trạng thái "<trạng thái>"
    Cho một công dân có hồ sơ một thủ tục có lệ phí ở trạng thái "<trạng thái>"
    Thì công dân không thấy nút thanh toán, ô bổ sung giấy tờ hay nút rút hồ sơ
    Và cổng từ chối việc thanh toán, bổ sung giấy tờ và rút hồ sơ mà công dân gửi thẳng đến cổng, hồ sơ không đổi
    Và hồ sơ vẫn ở trạng thái "<trạng thái>" trên cổng và trên Cổng DVCQG

    Dữ liệu:
      | trạng thái                 |
      | Không được tiếp nhận       |
      | Công dân yêu cầu rút hồ sơ |
      | Dừng xử lý                 |
      | Đã trả kết quả             |

  @needs_national_portal_mock @co_le_phi
  Kịch bản: Lãnh đạo không phê duyệt được hồ sơ có lệ phí mà công dân chưa nộp
    Cho một công dân có hồ sơ một thủ tục có lệ phí ở trạng thái "Đang xử lý"
    Thì lãnh đạo chỉ thấy các thao tác: Dừng xử lý; mọi thao tác khác gửi thẳng đến cổng đều bị từ chối, hồ sơ không đổi
    Và hồ sơ vẫn ở trạng thái "Đang xử lý" trên cổng và trên Cổng DVCQG
