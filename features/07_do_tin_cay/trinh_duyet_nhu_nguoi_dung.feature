# language: vi
@reliability
Tính năng: Trình duyệt như người dân vẫn dùng: bấm hai lần, tải lại, quay lại, hai thẻ
  Người dân bấm nút hai lần khi mạng chậm, tải lại trang, bấm quay lại, mở cùng một hồ sơ
  ở hai thẻ. Dù trình duyệt làm gì, một lần nộp là một hồ sơ, một khoản lệ phí chỉ được
  thanh toán một lần: trên cổng và trên Cổng DVCQG.

  @mien_phi @needs_national_portal_mock
  Kịch bản: Bấm "Nộp hồ sơ" hai lần, tải lại giấy tiếp nhận, quay lại: vẫn chỉ một hồ sơ
    Khi công dân điền đủ tờ khai một thủ tục miễn phí và bấm "Nộp hồ sơ" hai lần liền
    Và công dân tải lại giấy tiếp nhận, bấm quay lại rồi tiến tới trên trình duyệt
    Thì công dân có đúng một hồ sơ trong “Hồ sơ của tôi”, và Cổng DVCQG nhận đúng một hồ sơ

  @mien_phi @needs_national_portal_mock
  Kịch bản: Tờ khai đến cổng hai lần (mạng gửi lại khi câu trả lời đầu bị mất): vẫn chỉ một hồ sơ
    Khi công dân điền đủ tờ khai một thủ tục miễn phí và bấm "Nộp hồ sơ" một lần, nhưng mạng gửi tờ khai đến cổng hai lần
    Thì công dân có đúng một hồ sơ trong “Hồ sơ của tôi”, và Cổng DVCQG nhận đúng một hồ sơ

  @co_le_phi @needs_national_portal_mock
  Kịch bản: Thanh toán ở một thẻ, tải lại trang kết quả, bấm thanh toán ở thẻ kia: chỉ một lần thanh toán
    Cho một công dân có hồ sơ một thủ tục có lệ phí ở trạng thái "Mới đăng ký"
    Khi công dân mở hồ sơ ở hai thẻ của trình duyệt
    Và công dân thanh toán lệ phí ở thẻ thứ nhất rồi tải lại trang kết quả thanh toán
    Và công dân bấm "Thanh toán lệ phí" ở thẻ thứ hai mà chưa tải lại trang
    Thì cổng không mở giao dịch thứ hai; hồ sơ có đúng một lần thanh toán thành công, trên cổng và trên Cổng DVCQG
