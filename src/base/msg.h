/* The message catalogue: every user-facing sentence, Vietnamese first, English second.
 * Field and record-type labels live in the record descriptions; everything else is here.
 * A message may hold one %lld for its argument (a length, a count). */
#ifndef NGV_MSG_H
#define NGV_MSG_H

#define NGV_MESSAGES(X)                                                                                                                    \
    X(M_APP_NAME, "Hệ thống thông tin đối ngoại", "Foreign affairs information system")                                                    \
    X(M_REQUIRED, "Bắt buộc nhập.", "This field is required.")                                                                             \
    X(M_TOO_LONG, "Dài quá %lld ký tự.", "Longer than %lld characters.")                                                                   \
    X(M_BAD_UTF8, "Văn bản không hợp lệ (không phải UTF-8).", "Invalid text (not UTF-8).")                                                 \
    X(M_CONTROL_CHAR, "Văn bản chứa ký tự điều khiển U+%04llX, không thể lưu: hãy xoá nó.",                                                \
      "The text holds the control character U+%04llX, which cannot be stored: remove it.")                                                 \
    X(M_BAD_ENUM, "Giá trị không nằm trong danh sách.", "Not one of the allowed values.")                                                  \
    X(M_BAD_COUNTRY, "Mã quốc gia không tồn tại (ISO 3166-1).",                                                                            \
      "Unknown country code (ISO 3166-1).")                                                                                                \
    X(M_BAD_SUBDIV, "Mã địa phương không tồn tại (ISO 3166-2).",                                                                           \
      "Unknown subdivision code (ISO 3166-2).")                                                                                            \
    X(M_SUBDIV_COUNTRY, "Địa phương này không thuộc quốc gia đã chọn.",                                                                    \
      "This subdivision is not in the chosen country.")                                                                                    \
    X(M_SUBDIV_NEEDS_COUNTRY, "Chọn quốc gia trước khi chọn địa phương.",                                                                  \
      "Choose a country before a subdivision.")                                                                                            \
    X(M_BAD_REF, "Bản ghi được tham chiếu không tồn tại.",                                                                                 \
      "The referenced record does not exist.")                                                                                             \
    X(M_BAD_BOOL, "Chỉ nhận có/không.", "Must be yes or no.")                                                                              \
    X(M_BAD_EMAIL, "Địa chỉ e-mail không hợp lệ.", "Not a valid e-mail address.")                                                          \
    X(M_BAD_URL, "Địa chỉ web phải bắt đầu bằng http:// hoặc https://.",                                                                   \
      "A web address must start with http:// or https://.")                                                                                \
    X(M_BAD_PHONE, "Số điện thoại chỉ gồm chữ số, dấu cách, + - ( ).",                                                                     \
      "A phone number holds only digits, spaces and + - ( ).")                                                                             \
    X(M_BAD_DATE, "Ngày không hợp lệ (ngày/tháng/năm).", "Not a valid date (YYYY-MM-DD).")                                                 \
    X(M_BAD_NUMBER, "Số không hợp lệ.", "Not a valid number.")                                                                             \
    X(M_NUMBER_RANGE, "Số quá lớn, quá nhỏ hoặc quá nhiều chữ số (tối đa 15 chữ số có nghĩa).",                                            \
      "The number is too large, too small or too long (at most 15 significant digits).")                                                   \
    X(M_NEGATIVE, "Không được là số âm.", "Must not be negative.")                                                                         \
    X(M_NUL_IN_URL, "Địa chỉ chứa ký tự NUL (%00), không thể đọc.",                                                                        \
      "The address holds a NUL character (%00), which cannot be read.")                                                                    \
    X(M_NUL_CHAR, "Văn bản chứa ký tự NUL, không thể lưu.",                                                                                \
      "The text contains a NUL character, which cannot be stored.")                                                                        \
    X(M_BAD_VERSION, "Phiên bản (version) phải là số nguyên dương.",                                                                       \
      "version must be a positive whole number.")                                                                                          \
    X(M_READONLY, "Trường này do quy trình cập nhật, không nhập trực tiếp.",                                                               \
      "This field is set by the workflow, not entered directly.")                                                                          \
    X(M_DATE_ORDER, "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.",                                                                      \
      "The end date must not be before the start date.")                                                                                   \
    X(M_STEP_NOT_STARTED,                                                                                                                  \
      "Chưa thể chuyển sang “Đang thực hiện”: chưa đến ngày bắt đầu của đoàn.",                                                            \
      "Not yet “under way”: the delegation’s first day has not come.")                                                                     \
    X(M_REASON_NEEDED, "Cần ghi lý do.", "A reason is needed.")                                                                            \
    X(M_STEP_REASON, "Lý do", "Reason")                                                                                                    \
    X(M_STEP_CONFIRM, "Xác nhận", "Confirm")                                                                                               \
    X(M_STEP_CONFIRM_Q, "Chuyển “%s” từ “%s” sang “%s”?", "Move “%s” from “%s” to “%s”?")                                                  \
    X(M_STEP_IRREVERSIBLE, "Bước này không tự quay lại được.",                                                                             \
      "This step cannot simply be undone.")                                                                                                \
    X(M_STEP_REOPEN, "Mở lại thành đề xuất để trình duyệt lại.",                                                                           \
      "Reopened as a proposal, to be approved again.")                                                                                     \
    X(M_REAPPROVE_NOTE, "Sửa nội dung sau khi phê duyệt (%s): cần phê duyệt lại.",                                                         \
      "Changed after approval (%s): to be approved again.")                                                                                \
    X(M_REAPPROVE_WARN,                                                                                                                    \
      "Đoàn đã được phê duyệt: sửa ngày, thành phần, đối tác, mục đích, kinh phí sẽ đưa đoàn về "        \
      "“Đề xuất” để lãnh đạo phê duyệt lại.",                                                                                              \
      "This delegation is approved: changing its dates, members, partners, purpose or funding "                                            \
      "sends it back to “Proposed” for a leader to approve again.")                                                                        \
    X(M_REPORT_NEEDED, "Cần có báo cáo kết quả trước khi kết thúc.",                                                                       \
      "A results report is needed first.")                                                                                                 \
    X(M_REPORT_LATE, "Chậm báo cáo kết quả", "Results report overdue")                                                                     \
    X(M_BAD_STEP, "Không thể chuyển sang trạng thái này từ trạng thái hiện tại.",                                                          \
      "This step is not possible from the present state.")                                                                                 \
    X(M_STATUS, "Trạng thái", "Status")                                                                                                    \
    X(M_STEP_NOTE, "Ghi chú (không bắt buộc)", "Note (optional)")                                                                          \
    X(M_BACK, "Quay lại", "Back")                                                                                                          \
    X(M_DATE_FROM, "từ", "from")                                                                                                           \
    X(M_DATE_TO, "đến", "to")                                                                                                              \
    X(M_OVERDUE, "Quá hạn", "Overdue")                                                                                                     \
    X(M_FUTURE_DATE, "Ngày không được sau hôm nay.", "The date cannot be after today.")                                                    \
    X(M_BAD_PERCENT, "Tiến độ là số nguyên từ 0 đến 100.", "Progress is a whole number 0-100.")                                            \
    X(M_PROGRESS, "Tiến độ thực hiện", "Progress")                                                                                         \
    X(M_PROGRESS_TEXT, "Kết quả thực hiện", "What was done")                                                                               \
    X(M_PERCENT, "Tiến độ (%)", "Progress (%)")                                                                                            \
    X(M_DATE, "Ngày", "Date")                                                                                                              \
    X(M_ADD_PROGRESS, "Báo cáo tiến độ", "Report progress")                                                                                \
    X(M_NO_PROGRESS, "Chưa có báo cáo tiến độ.", "No progress reported yet.")                                                              \
    X(M_DASH_OVERDUE, "Cam kết quá hạn", "Overdue commitments")                                                                            \
    X(M_DASH_LATE, "Đoàn chậm báo cáo kết quả", "Delegation reports overdue")                                                              \
    X(M_DASH_UPCOMING, "Đoàn trong 30 ngày tới", "Delegations in the next 30 days")                                                        \
    X(M_DASH_PENDING, "Đề xuất chờ phê duyệt", "Proposals awaiting approval")                                                              \
    X(M_DASH_AGENCY_OPEN, "Cam kết đang thực hiện của cơ quan", "Your agency’s open commitments")                                          \
    X(M_DASH_DUE30, "Đến hạn trong 30 ngày", "Due within 30 days")                                                                         \
    X(M_AGENCY_NONE, "Tài khoản chưa gắn với cơ quan nào: hãy báo quản trị.",                                                              \
      "Your account belongs to no agency: tell the administrator.")                                                                        \
    X(M_DASH_OVERDUE_BY_AGENCY, "Cam kết quá hạn theo cơ quan", "Overdue commitments by agency")                                           \
    X(M_NONE_OVERDUE, "Không có cam kết quá hạn.", "No overdue commitments.")                                                              \
    X(M_DASH_YEARS, "Số đoàn năm nay so với năm trước", "Delegations this year and last")                                                  \
    X(M_OUTBOUND, "Đoàn ra", "Outbound")                                                                                                   \
    X(M_INBOUND, "Đoàn vào", "Inbound")                                                                                                    \
    X(M_DUPLICATE, "Đã có bản ghi khác với giá trị này.",                                                                                  \
      "Another record already has this value.")                                                                                            \
    X(M_UNKNOWN_FIELD, "Trường không tồn tại.", "Unknown field.")                                                                          \
    X(M_LOCALITY_NEEDS_SUBDIV, "Địa phương nước ngoài cần mã địa phương (ISO 3166-2).",                                                    \
      "A foreign locality needs its subdivision code (ISO 3166-2).")                                                                       \
    X(M_COORD_PAIR, "Cần cả vĩ độ và kinh độ.", "Both latitude and longitude are needed.")                                                 \
    X(M_COORD_RANGE, "Toạ độ phải nằm trong khoảng ±%lld độ.", "Degrees must be within ±%lld.")                                            \
    X(M_COORD_AREA,                                                                                                                        \
      "Toạ độ nằm xa ngoài địa bàn tỉnh: kiểm tra lại (vĩ độ, kinh độ, dấu chấm thập phân).",                                              \
      "These coordinates are far outside the province: check them (latitude, longitude, decimal "                                          \
      "point).")                                                                                                                           \
    X(M_MILESTONE_LATE, "Chậm tiến độ", "Behind schedule")                                                                                 \
    X(M_YEAR_RANGE, "Năm phải là một năm từ 2000 đến 2100.",                                                                               \
      "The year must be a year from 2000 to 2100.")                                                                                        \
    X(M_PLAN_FROM_CLASS, "Kế hoạch nâng cấp cần loại cửa khẩu hiện tại, khác loại sau nâng cấp.",                                          \
      "An upgrade needs the present class, other than the class it leads to.")                                                             \
    X(M_DASH_GATES_BEHIND, "Kế hoạch cửa khẩu chậm tiến độ", "Gate plans behind schedule")                                                 \
    X(M_DAYS_LATE, "chậm %lld ngày", "%lld days late")                                                                                     \
    X(M_NOTICE_MILESTONE_LATE, "Mốc tiến độ cửa khẩu quá hạn",                                                                             \
      "Gate milestone past its target date")                                                                                               \
    X(M_NOT_YOUR_AGENCY, "Cơ quan của bạn chỉ được nhập số liệu của mình.",                                                                \
      "Your agency may only enter its own records.")                                                                                       \
    X(M_AGENCY_READONLY, "Cơ quan của bạn không được sửa mục này.",                                                                        \
      "Your agency may not change this.")                                                                                                  \
    X(M_REVISIONS, "Các lần báo cáo số liệu này", "Every report of this figure")                                                           \
    X(M_PERIOD_START,                                                                                                                      \
      "Kỳ tháng bắt đầu ngày 01; quý ngày 01/01, 01/04, 01/07 hoặc 01/10; năm ngày 01/01.",                                                \
      "A month starts on the 1st; a quarter on 1 January, April, July or October; a year on 1 "                                            \
      "January.")                                                                                                                          \
    X(M_CURRENCY, "Mã tiền tệ theo ISO 4217, ví dụ USD, VND, LAK, KHR.",                                                                   \
      "A currency code of ISO 4217, such as USD, VND, LAK, KHR.")                                                                          \
    X(M_TRADE_FLAGGED, "Các phần không cộng đủ tổng số", "Parts do not add up to the total")                                               \
    X(M_NAV_BORDER, "Biên giới", "Border")                                                                                                 \
    X(M_TRADE_TITLE, "Thương mại biên giới", "Border trade")                                                                               \
    X(M_TRADE_TABLE, "Bảng số liệu", "Figures")                                                                                            \
    X(M_TRADE_MONTH_YEAR, "Năm (biểu đồ theo tháng)", "Year (monthly chart)")                                                              \
    X(M_MILLION, "triệu", "million")                                                                                                       \
    X(M_TRADE_BY_YEAR, "kim ngạch theo năm", "turnover by year")                                                                           \
    X(M_TRADE_BY_MONTH, "kim ngạch theo tháng, năm", "turnover by month,")                                                                 \
    X(M_TRADE_QUARTERS, " (cộng %lld quý)", " (sum of %lld quarters)")                                                                     \
    X(M_TRADE_MONTHS, " (cộng %lld tháng)", " (sum of %lld months)")                                                                       \
    X(M_TRADE_N_MONTHS, "%lld tháng", "%lld months")                                                                                       \
    X(M_TRADE_N_QUARTERS, "%lld quý", "%lld quarters")                                                                                     \
    X(M_TRADE_NONE, "chưa có số liệu", "no figure")                                                                                        \
    X(M_TRADE_SPANS, "Số liệu theo khoảng thời gian khác (không vẽ trên biểu đồ)",                                                         \
      "Figures for other spans (not in the charts)")                                                                                       \
    X(M_TRADE_RULE,                                                                                                                        \
      "Mỗi kỳ lấy lần báo cáo mới nhất. Một năm là số liệu cả năm nếu có, nếu không là tổng các "       \
      "quý, hoặc tổng các tháng. "                                                                                                  \
      "Số liệu được giữ đúng như báo cáo; các phần (xuất khẩu, nhập khẩu, quá cảnh, tạm nhập tái "       \
      "xuất) được so với tổng số "                                                                                             \
      "chính xác theo số thập phân, không làm tròn; phần chênh lệch được ghi rõ, không sửa.",                                              \
      "Each period shows its latest report. A year is its yearly figure when there is one, else "                                          \
      "the sum of its quarters, "                                                                                                          \
      "else of its months. Figures are kept as reported; the parts (exports, imports, transit, "                                           \
      "re-export) are compared "                                                                                                           \
      "with the total exactly, in decimal, without rounding; a difference is shown, never "                                                \
      "corrected.")                                                                                                                        \
    X(M_NOT_FOUND, "Không tìm thấy.", "Not found.")                                                                                        \
    X(M_FORBIDDEN, "Bạn không có quyền thực hiện thao tác này.",                                                                           \
      "You are not allowed to do this.")                                                                                                   \
    X(M_UNAUTHORIZED, "Cần đăng nhập.", "Login required.")                                                                                 \
    X(M_BAD_LOGIN, "Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password.")                                                     \
    X(M_RATE_LIMITED, "Đăng nhập sai nhiều lần từ máy này. Hãy chờ ít giây rồi thử lại.",                                                  \
      "Too many failed logins from this device. Wait a few seconds and try again.")                                                        \
    X(M_CSRF, "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy thử lại.",                                                        \
      "The form has expired or is not valid. Please try again.")                                                                           \
    X(M_BAD_JSON, "Dữ liệu JSON không hợp lệ.", "Malformed JSON.")                                                                         \
    X(M_TOO_LARGE, "Dữ liệu gửi lên quá lớn.", "The request body is too large.")                                                           \
    X(M_TOO_MANY_FIELDS, "Yêu cầu có quá nhiều tham số hoặc dòng tiêu đề.",                                                                \
      "The request has too many parameters or header lines.")                                                                              \
    X(M_BAD_REQUEST, "Yêu cầu không hợp lệ.", "Bad request.")                                                                              \
    X(M_INVALID, "Dữ liệu chưa hợp lệ, xem các trường được đánh dấu.",                                                                     \
      "Some fields are not valid; see the marked fields.")                                                                                 \
    X(M_CONFLICT, "Bản ghi đã bị người khác sửa. Tải lại trang và sửa lại.",                                                               \
      "Someone else changed this record. Reload and edit again.")                                                                          \
    X(M_IN_USE, "Không xoá được: còn %lld bản ghi khác tham chiếu tới.",                                                                   \
      "Cannot delete: %lld other records refer to it.")                                                                                    \
    X(M_INTERNAL, "Lỗi hệ thống. Thao tác chưa được thực hiện.",                                                                           \
      "Internal error. Nothing was changed.")                                                                                              \
    X(M_UNAVAILABLE, "Cơ sở dữ liệu tạm thời không truy cập được. Thử lại sau ít phút.",                                                   \
      "The database cannot be reached at the moment. Try again in a few minutes.")                                                         \
    X(M_METHOD, "Phương thức không được hỗ trợ.", "Method not allowed.")                                                                   \
    X(M_FORM_TWICE, "Trường này được gửi hai lần với hai giá trị khác nhau.",                                                              \
      "This field was sent twice with two different values.")                                                                              \
    X(M_BAD_PARAM, "Tham số không hợp lệ.", "Invalid parameter.")                                                                          \
    X(M_NAV_HOME, "Tổng quan", "Overview")                                                                                                 \
    X(M_NAV_PROVINCE, "Hồ sơ tỉnh", "Province profile")                                                                                    \
    X(M_SEARCH, "Tìm kiếm", "Search")                                                                                                      \
    X(M_SEARCH_HINT, "Tìm theo tên, ghi chú… (gõ không dấu cũng được)",                                                                    \
      "Search names, notes… (diacritics optional)")                                                                                        \
    X(M_SEARCH_RESULTS, "Kết quả tìm kiếm", "Search results")                                                                              \
    X(M_NO_RESULTS, "Không có kết quả.", "Nothing found.")                                                                                 \
    X(M_LOGOUT, "Đăng xuất", "Log out")                                                                                                    \
    X(M_LOGGED_OUT, "Bạn đã đăng xuất.", "You have logged out.")                                                                           \
    X(M_SESSION_EXPIRED, "Phiên làm việc đã hết hạn: hãy đăng nhập lại.",                                                                  \
      "Your session has expired: please log in again.")                                                                                    \
    X(M_SESSION_EXPIRED_KEPT,                                                                                                              \
      "Phiên làm việc đã hết hạn trước khi biểu mẫu được gửi. Những gì bạn đã nhập vẫn được giữ: " \
      "hãy đăng nhập lại để gửi.",                                                                                                         \
      "Your session expired before the form was sent. What you typed is kept: log in again to "                                            \
      "send it.")                                                                                                                          \
    X(M_RESUME_TITLE, "Gửi lại biểu mẫu", "Send the form again")                                                                           \
    X(M_RESUME_HELP,                                                                                                                       \
      "Bạn đã đăng nhập lại. Biểu mẫu vẫn giữ những gì bạn đã nhập; bấm “Gửi lại” để gửi.",                                                \
      "You are logged in again. The form keeps what you typed; press “Send again” to send it.")                                            \
    X(M_RESUME_SEND, "Gửi lại", "Send again")                                                                                              \
    X(M_LOGIN, "Đăng nhập", "Log in")                                                                                                      \
    X(M_USERNAME, "Tên đăng nhập", "User name")                                                                                            \
    X(M_PASSWORD, "Mật khẩu", "Password")                                                                                                  \
    X(M_OTHER_LANG, "English", "Tiếng Việt")                                                                                               \
    X(M_NEW, "Thêm mới", "Add new")                                                                                                        \
    X(M_EDIT, "Sửa", "Edit")                                                                                                               \
    X(M_DELETE, "Xoá", "Delete")                                                                                                           \
    X(M_SAVE, "Lưu", "Save")                                                                                                               \
    X(M_CANCEL, "Huỷ", "Cancel")                                                                                                           \
    X(M_FILTER, "Lọc", "Filter")                                                                                                           \
    X(M_ALL, "Tất cả", "All")                                                                                                              \
    X(M_CLEAR, "Bỏ lọc", "Clear")                                                                                                          \
    X(M_EXPORT_CSV, "Xuất CSV", "Export CSV")                                                                                              \
    X(M_PREV, "‹ Trang trước", "‹ Previous")                                                                                               \
    X(M_NEXT, "Trang sau ›", "Next ›")                                                                                                     \
    X(M_SHOWING, "Hiển thị %lld", "Showing %lld")                                                                                          \
    X(M_OF_TOTAL, "trên tổng số %lld", "of %lld")                                                                                          \
    X(M_HISTORY, "Lịch sử thay đổi", "History of changes")                                                                                 \
    X(M_WHEN, "Thời gian", "When")                                                                                                         \
    X(M_WHO, "Người thực hiện", "Who")                                                                                                     \
    X(M_ACTION, "Thao tác", "Action")                                                                                                      \
    X(M_CHANGES, "Nội dung thay đổi", "Changes")                                                                                           \
    X(M_ACT_CREATE, "Tạo mới", "Created")                                                                                                  \
    X(M_ACT_UPDATE, "Cập nhật", "Updated")                                                                                                 \
    X(M_ACT_DELETE, "Xoá", "Deleted")                                                                                                      \
    X(M_CONFIRM_DELETE,                                                                                                                    \
      "Xoá bản ghi này? Thao tác được ghi vào lịch sử nhưng không thể hoàn tác trên giao diện.",                                           \
      "Delete this record? The deletion is kept in the history but cannot be undone from here.")                                           \
    X(M_SAVED, "Đã lưu.", "Saved.")                                                                                                        \
    X(M_DELETED, "Đã xoá.", "Deleted.")                                                                                                    \
    X(M_CREATED_AT, "Ngày tạo", "Created")                                                                                                 \
    X(M_UPDATED_AT, "Cập nhật lần cuối", "Last updated")                                                                                   \
    X(M_SORT_BY, "Sắp xếp", "Sort by")                                                                                                     \
    X(M_NEWEST, "Mới nhất", "Newest")                                                                                                      \
    X(M_OLDEST, "Cũ nhất", "Oldest")                                                                                                       \
    X(M_NONE, "— Không —", "— None —")                                                                                                     \
    X(M_CHOOSE, "— Chọn —", "— Choose —")                                                                                                  \
    X(M_SKIP_MAIN, "Bỏ qua đến nội dung chính", "Skip to main content")                                                                    \
    X(M_NAV_MENU, "Trình đơn chính", "Main menu")                                                                                          \
    X(M_PAGES, "Các trang", "Pages")                                                                                                       \
    X(M_PAGE_N, "Trang %lld", "Page %lld")                                                                                                 \
    X(M_NO_MATCH, "Không có bản ghi nào khớp với điều kiện lọc.",                                                                          \
      "No records match these filters.")                                                                                                   \
    X(M_NO_RECORDS, "Chưa có bản ghi nào.", "There are no records yet.")                                                                   \
    X(M_SORT_ASC, "tăng dần", "ascending")                                                                                                 \
    X(M_SORT_DESC, "giảm dần", "descending")                                                                                               \
    X(M_DEFAULT_ORDER, "Mặc định", "Default")                                                                                              \
    X(M_IN_USE_BY, "Các bản ghi tham chiếu tới bản ghi này:", "Records that refer to this one:")                                           \
    X(M_AND_MORE, "và %lld bản ghi khác", "and %lld more")                                                                                 \
    X(M_STATE_OVERDUE, "Quá hạn", "Overdue")                                                                                               \
    X(M_COUNTRY_SUBDIVS, "Tỉnh, bang hoặc vùng thuộc quốc gia đã chọn.",                                                                   \
      "A province, state or region of the chosen country.")                                                                                \
    X(M_PARTNER_COUNTRIES, "Nước có địa phương đối tác", "Partner countries")                                                              \
    X(M_OTHER_COUNTRIES, "Các nước khác", "Other countries")                                                                               \
    X(M_RECENT_CHANGES, "Thay đổi gần đây", "Recent changes")                                                                              \
    X(M_PROVINCE_NAME_VI, "Tên tỉnh (tiếng Việt)", "Province name (Vietnamese)")                                                           \
    X(M_PROVINCE_NAME_EN, "Tên tỉnh (tiếng Anh)", "Province name (English)")                                                               \
    X(M_PROVINCE_CODE, "Mã ISO 3166-2", "ISO 3166-2 code")                                                                                 \
    X(M_DEPT_VI, "Tên cơ quan (tiếng Việt)", "Department name (Vietnamese)")                                                               \
    X(M_DEPT_EN, "Tên cơ quan (tiếng Anh)", "Department name (English)")                                                                   \
    X(M_PROFILE_UNSET, "Chưa khai báo hồ sơ tỉnh", "Province profile not set")                                                             \
    X(M_LOGGED_IN_AS, "Đăng nhập:", "Signed in:")                                                                                          \
    X(M_SEARCH_IN_LIST, "Tìm trong danh sách", "Search this list")                                                                         \
    X(M_REQUIRED_MARK, "bắt buộc", "required")                                                                                             \
    X(M_EXPORT_XLSX, "Xuất Excel", "Export Excel")                                                                                         \
    X(M_IMPORT_CSV, "Nhập từ CSV", "Import CSV")                                                                                           \
    X(M_IMPORT_HELP,                                                                                                                       \
      "Dòng đầu tiên của tệp là dòng tiêu đề: mỗi cột ghi tên một trường, theo tên trong tệp "                 \
      "xuất CSV (ví dụ name_vi, country) hoặc theo tên hiển thị tiếng Việt hay tiếng Anh (ví dụ "                     \
      "“Tên tiếng Việt”, “Country”). Các cột id, created_at, updated_at được bỏ qua, nên có thể "                \
      "nhập lại một tệp đã xuất. Mỗi dòng sau là một bản ghi.",                                                                            \
      "The first row of the file is the header row: each column names a field, either as in the "                                          \
      "CSV export (e.g. name_vi, country) or by its Vietnamese or English label (e.g. “Tên tiếng "                                    \
      "Việt”, “Country”). The columns id, created_at and updated_at are ignored, so an exported "                                  \
      "file can be imported again. Each following row is one record.")                                                                     \
    X(M_IMPORT_RULES,                                                                                                                      \
      "Tệp CSV mã hoá UTF-8, tối đa 10 MB và 50.000 dòng. Nhập tất cả hoặc không gì cả: nếu có "                   \
      "dòng sai, không bản ghi nào được lưu và trang sẽ liệt kê từng dòng cần sửa.",                                                       \
      "A CSV file in UTF-8, at most 10 MB and 50,000 rows. All or nothing: if any row is wrong, "                                          \
      "no record is stored and the page lists every line to correct.")                                                                     \
    X(M_IMPORT_TEMPLATE, "Tải danh sách hiện tại dạng CSV để làm mẫu",                                                                     \
      "Download the current list as CSV, to use as a template")                                                                            \
    X(M_IMPORT_FILE, "Tệp CSV", "CSV file")                                                                                                \
    X(M_IMPORT_COLUMN, "Tên cột trong tệp", "Column name in the file")                                                                     \
    X(M_IMPORT_SUBMIT, "Nhập dữ liệu", "Import")                                                                                           \
    X(M_IMPORT_DONE, "Đã nhập %lld bản ghi.", "%lld records imported.")                                                                    \
    X(M_IMPORT_NOTHING, "Không có bản ghi nào được nhập.", "No records were imported.")                                                    \
    X(M_IMPORT_FIX, "Sửa các dòng dưới đây trong tệp rồi nhập lại cả tệp.",                                                                \
      "Correct the lines below in the file, then import the whole file again.")                                                            \
    X(M_IMPORT_MORE, "… và %lld lỗi khác.", "… and %lld more problems.")                                                                   \
    X(M_LINE, "Dòng", "Line")                                                                                                              \
    X(M_FIELD, "Trường", "Field")                                                                                                          \
    X(M_PROBLEM, "Lỗi", "Problem")                                                                                                         \
    X(M_IMPORT_EMPTY, "Tệp trống.", "The file is empty.")                                                                                  \
    X(M_IMPORT_NO_ROWS, "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.",                                                             \
      "The file has a header row but no data rows.")                                                                                       \
    X(M_IMPORT_TOO_BIG, "Tệp lớn hơn 10 MB. Hãy chia thành nhiều tệp nhỏ hơn.",                                                            \
      "The file is larger than 10 MB. Split it into smaller files.")                                                                       \
    X(M_IMPORT_TOO_MANY, "Tệp có hơn %lld dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.",                                                \
      "The file has more than %lld data rows. Split it into smaller files.")                                                               \
    X(M_IMPORT_NOT_CSV,                                                                                                                    \
      "Đây không phải tệp CSV (có thể là tệp Excel). Trong Excel, chọn Lưu thành → CSV UTF-8 rồi "                    \
      "nhập tệp đó.",                                                                                                                      \
      "This is not a CSV file (perhaps an Excel workbook). In Excel, choose Save As → CSV UTF-8 "                                        \
      "and import that file.")                                                                                                             \
    X(M_IMPORT_BAD_UTF8, "Dòng này không phải văn bản UTF-8. Hãy lưu tệp dạng CSV UTF-8.",                                                 \
      "This line is not UTF-8 text. Save the file as CSV UTF-8.")                                                                          \
    X(M_IMPORT_BAD_CSV,                                                                                                                    \
      "Sai định dạng CSV: dấu ngoặc kép đặt sai chỗ. Ô có dấu phẩy, dấu ngoặc kép hoặc "                       \
      "xuống dòng phải đặt trong ngoặc kép, và dấu ngoặc kép bên trong viết thành hai "                               \
      "dấu (\"\").",                                                                                                                       \
      "Malformed CSV: a quotation mark is out of place. A cell holding commas, quotation "                                                 \
      "marks or line breaks must be quoted, with inner quotation marks doubled (\"\").")                                                   \
    X(M_IMPORT_UNCLOSED,                                                                                                                   \
      "Sai định dạng CSV: ô bắt đầu bằng dấu ngoặc kép ở dòng này không được đóng lại.",                                                   \
      "Malformed CSV: the quoted cell that starts on this line is never closed.")                                                          \
    X(M_IMPORT_UNKNOWN_COLUMN,                                                                                                             \
      "Cột này không khớp với trường nào. Dùng tên trường như trong tệp xuất CSV, hoặc tên hiển "               \
      "thị tiếng Việt hay tiếng Anh.",                                                                                                     \
      "This column matches no field. Use the field names of the CSV export, or the Vietnamese or "                                         \
      "English labels.")                                                                                                                   \
    X(M_IMPORT_DUP_COLUMN, "Cột này xuất hiện hai lần.", "This column appears twice.")                                                     \
    X(M_IMPORT_MISSING_COLUMN, "Thiếu cột bắt buộc này.", "This required column is missing.")                                              \
    X(M_IMPORT_UNNAMED_COLUMN, "Cột thứ %lld có dữ liệu nhưng không có tên ở dòng tiêu đề.",                                               \
      "Column %lld holds data but has no name in the header row.")                                                                         \
    X(M_IMPORT_CELLS, "Dòng này có %lld ô, khác với số cột của dòng tiêu đề.",                                                             \
      "This row has %lld cells, not as many as the header row has columns.")                                                               \
    X(M_IMPORT_DUP_IN_FILE, "Trùng với dòng %lld của tệp.", "Same as line %lld of the file.")                                              \
    X(M_IMPORT_DUP_EXISTING, "Đã có bản ghi số %lld với giá trị này.",                                                                     \
      "Record %lld already has this value.")                                                                                               \
    X(M_NOT_SIGNED, "Văn bản chưa ký thì không thể chấm dứt.",                                                                             \
      "An agreement that was never signed cannot be terminated.")                                                                          \
    X(M_ATTACHMENTS, "Tệp đính kèm (bản ký, bản chụp)", "Attached files (signed scans)")                                                   \
    X(M_ATTACH_ADD, "Đính kèm tệp", "Attach a file")                                                                                       \
    X(M_ATTACH_RULES, "Tệp PDF, PNG hoặc JPEG, tối đa 20 MB.", "PDF, PNG or JPEG, at most 20 MB.")                                         \
    X(M_ATTACH_ADDED, "Đính kèm tệp", "File attached")                                                                                     \
    X(M_ATTACH_REMOVED, "Gỡ tệp đính kèm", "File removed")                                                                                 \
    X(M_ATTACH_REMOVE, "Gỡ tệp", "Remove")                                                                                                 \
    X(M_ATTACH_REMOVE_Q, "Gỡ tệp đính kèm này?", "Remove this attachment?")                                                                \
    X(M_ATTACH_REMOVE_HELP, "Tệp không còn gắn với hồ sơ; việc gỡ được ghi vào lịch sử thay đổi.",                                         \
      "The file no longer belongs to the record; the removal is kept in its history.")                                                     \
    X(M_ATTACH_NONE, "Chưa có tệp đính kèm.", "No files attached yet.")                                                                    \
    X(M_FILE_MISSING, "Chưa chọn tệp.", "No file was chosen.")                                                                             \
    X(M_FILE_EMPTY, "Tệp rỗng.", "The file is empty.")                                                                                     \
    X(M_FILE_TOO_BIG, "Tệp lớn quá 20 MB.", "The file is larger than 20 MB.")                                                              \
    X(M_FILE_TYPE, "Chỉ nhận tệp PDF, PNG hoặc JPEG (kiểm tra theo nội dung tệp).",                                                        \
      "Only PDF, PNG or JPEG files are accepted (checked by their content).")                                                              \
    X(M_FILE_NAME, "Tên tệp không hợp lệ.", "Invalid file name.")                                                                          \
    X(M_NAV_CALENDAR, "Lịch", "Calendar")                                                                                                  \
    X(M_CAL_TITLE, "Lịch đoàn và các thời hạn", "Calendar of delegations and deadlines")                                                   \
    X(M_CAL_MON, "T2", "Mon")                                                                                                              \
    X(M_CAL_TUE, "T3", "Tue")                                                                                                              \
    X(M_CAL_WED, "T4", "Wed")                                                                                                              \
    X(M_CAL_THU, "T5", "Thu")                                                                                                              \
    X(M_CAL_FRI, "T6", "Fri")                                                                                                              \
    X(M_CAL_SAT, "T7", "Sat")                                                                                                              \
    X(M_CAL_SUN, "CN", "Sun")                                                                                                              \
    X(M_CAL_MONTH_1, "Tháng 1", "January")                                                                                                 \
    X(M_CAL_MONTH_2, "Tháng 2", "February")                                                                                                \
    X(M_CAL_MONTH_3, "Tháng 3", "March")                                                                                                   \
    X(M_CAL_MONTH_4, "Tháng 4", "April")                                                                                                   \
    X(M_CAL_MONTH_5, "Tháng 5", "May")                                                                                                     \
    X(M_CAL_MONTH_6, "Tháng 6", "June")                                                                                                    \
    X(M_CAL_MONTH_7, "Tháng 7", "July")                                                                                                    \
    X(M_CAL_MONTH_8, "Tháng 8", "August")                                                                                                  \
    X(M_CAL_MONTH_9, "Tháng 9", "September")                                                                                               \
    X(M_CAL_MONTH_10, "Tháng 10", "October")                                                                                               \
    X(M_CAL_MONTH_11, "Tháng 11", "November")                                                                                              \
    X(M_CAL_MONTH_12, "Tháng 12", "December")                                                                                              \
    X(M_CAL_YEAR, "năm %lld", "%lld")                                                                                                      \
    X(M_CAL_PREV, "Tháng trước", "Previous month")                                                                                         \
    X(M_CAL_NEXT, "Tháng sau", "Next month")                                                                                               \
    X(M_CAL_TODAY, "Hôm nay", "Today")                                                                                                     \
    X(M_CAL_DUE, "Hạn", "Due")                                                                                                             \
    X(M_CAL_LEGEND_DUE, "Thời hạn phải hoàn thành", "Deadline")                                                                            \
    X(M_CAL_NO_EVENTS, "Tháng này không có đoàn hay hạn cam kết nào.",                                                                     \
      "No delegations or deadlines this month.")                                                                                           \
    X(M_CAL_BAD_MONTH, "Tháng không hợp lệ (năm-tháng, ví dụ 2026-03).",                                                                   \
      "Not a valid month (YYYY-MM, e.g. 2026-03).")                                                                                        \
    X(M_CAL_RANGE,                                                                                                                         \
      "Khoảng ngày không hợp lệ: ngày kết thúc không trước ngày bắt đầu, cách nhau tối đa %lld "                 \
      "ngày.",                                                                                                                             \
      "Not a valid range: the end not before the start, at most %lld days apart.")                                                         \
    X(M_CAL_SUBSCRIBE, "Xem lịch trong ứng dụng lịch", "Subscribe in a calendar app")                                                      \
    X(M_CAL_SUBSCRIBE_HELP,                                                                                                                \
      "Thêm địa chỉ này vào ứng dụng lịch (Google Calendar, Outlook, điện thoại: “thêm lịch từ "                 \
      "URL”). "                                                                                                                          \
      "Địa chỉ là bí mật của riêng bạn: ai có địa chỉ đều xem được lịch.",                                                                 \
      "Add this address to a calendar app (Google Calendar, Outlook, a phone: “subscribe from "                                          \
      "URL”). "                                                                                                                          \
      "It is your own secret: anyone who has it can read the calendar.")                                                                   \
    X(M_CAL_ADDRESS, "Địa chỉ lịch (iCalendar)", "Calendar address (iCalendar)")                                                           \
    X(M_CAL_OPEN_APP, "Mở bằng ứng dụng lịch", "Open in a calendar app")                                                                   \
    X(M_CAL_RENEW, "Tạo địa chỉ mới", "Make a new address")                                                                                \
    X(M_CAL_RENEW_HELP, "Địa chỉ cũ sẽ ngừng hoạt động.", "The old address will stop working.")                                            \
    X(M_CAL_MAKE, "Tạo địa chỉ lịch", "Make a calendar address")                                                                           \
    X(M_CAL_SHOWN_ONCE,                                                                                                                    \
      "Đây là địa chỉ lịch riêng của bạn. Hãy sao chép ngay: vì an toàn, địa chỉ chỉ hiện một "              \
      "lần.",                                                                                                                              \
      "This is your own calendar address. Copy it now: for safety it is shown only this once.")                                            \
    X(M_CAL_HAVE_ONE, "Bạn đã có một địa chỉ lịch, tạo lúc",                                                                               \
      "You have a calendar address, made on")                                                                                              \
    X(M_CAL_NOT_SHOWN,                                                                                                                     \
      "Vì an toàn, địa chỉ chỉ hiện một lần khi tạo; đổi mật khẩu cũng làm địa chỉ ngừng hoạt "         \
      "động.",                                                                                                                             \
      "For safety it is shown only when made; a password change also ends it.")                                                            \
    X(M_CAL_RENEWED, "Đã tạo địa chỉ mới; địa chỉ cũ không còn dùng được.",                                                                \
      "A new address was made; the old one no longer works.")                                                                              \
    X(M_DASH_EXPIRING, "Thoả thuận sắp hết hạn (90 ngày)", "Agreements expiring within 90 days")                                           \
    X(M_NOTICES, "Thông báo", "Notifications")                                                                                             \
    X(M_NOTICES_N, "Thông báo (%lld)", "Notifications (%lld)")                                                                             \
    X(M_NOTICE_ASSIGNED, "Cơ quan được giao thực hiện", "Assigned to your agency")                                                         \
    X(M_NOTICE_DUE_SOON, "Sắp đến hạn", "Due soon")                                                                                        \
    X(M_NOTICE_OVERDUE, "Quá hạn", "Overdue")                                                                                              \
    X(M_NOTICE_REPORT_LATE, "Chậm báo cáo kết quả", "Results report overdue")                                                              \
    X(M_NOTICE_TO_APPROVE, "Chờ lãnh đạo phê duyệt", "Awaiting a leader’s approval")                                                       \
    X(M_NOTICE_RESOLVED, "Đã xử lý", "Resolved")                                                                                           \
    X(M_NOTICE_DEADLINE, "Thời hạn", "Deadline")                                                                                           \
    X(M_NOTICE_ENDED, "Kết thúc ngày", "Ended on")                                                                                         \
    X(M_NOTICE_NONE, "Không có thông báo nào.", "No notifications.")                                                                       \
    X(M_NOTICE_UNREAD, "Chưa đọc", "Unread")                                                                                               \
    X(M_NOTICE_UNREAD_N, "%lld thông báo chưa đọc.", "%lld unread.")                                                                       \
    X(M_NOTICE_MARK_READ, "Đánh dấu đã đọc", "Mark as read")                                                                               \
    X(M_NOTICE_MARK_ALL, "Đánh dấu tất cả là đã đọc", "Mark all as read")                                                                  \
    X(M_NOTICE_GONE, "(bản ghi đã bị xoá)", "(record deleted)")                                                                            \
    X(M_DIGEST_SUBJECT, "Nhắc việc: %lld thông báo mới", "Reminders: %lld new notifications")                                              \
    X(M_DIGEST_GREETING, "Kính gửi", "Dear")                                                                                               \
    X(M_DIGEST_INTRO, "Các thông báo mới dành cho bạn:", "Your new notifications:")                                                        \
    X(M_DIGEST_MORE, "… và %lld thông báo khác.", "… and %lld more.")                                                                      \
    X(M_DIGEST_ALL, "Xem tất cả thông báo:", "All your notifications:")                                                                    \
    X(M_DIGEST_AUTO, "Thư này được gửi tự động, xin đừng trả lời.",                                                                        \
      "This message was sent automatically; please do not reply.")                                                                         \
    X(M_YES, "Có", "Yes")                                                                                                                  \
    X(M_NO, "Không", "No")                                                                                                                 \
    X(M_NAV_USERS, "Người dùng", "Users")                                                                                                  \
    X(M_NAV_ACCOUNT, "Tài khoản", "Account")                                                                                               \
    X(M_ADMIN_USERS, "Người dùng", "Users")                                                                                                \
    X(M_ADMIN_NAMES, "Tên quốc gia, địa phương", "Country and subdivision names")                                                          \
    X(M_ADMIN_SETTINGS, "Thiết lập", "Settings")                                                                                           \
    X(M_ADMIN_AUDIT, "Nhật ký hệ thống", "Audit log")                                                                                      \
    X(M_USER_NEW, "Thêm người dùng", "New user")                                                                                           \
    X(M_USER_DISPLAY, "Họ và tên", "Full name")                                                                                            \
    X(M_USER_ROLE, "Vai trò", "Role")                                                                                                      \
    X(M_USER_AGENCY, "Cơ quan (với vai trò cơ quan phối hợp)",                                                                             \
      "Agency (for the partner agency role)")                                                                                              \
    X(M_USER_NO_AGENCY, "— không —", "— none —")                                                                                           \
    X(M_USER_STATE, "Trạng thái", "State")                                                                                                 \
    X(M_USER_ACTIVE, "Đang hoạt động", "Active")                                                                                           \
    X(M_USER_DISABLED, "Đã khoá", "Deactivated")                                                                                           \
    X(M_USER_DEACTIVATE, "Khoá tài khoản", "Deactivate")                                                                                   \
    X(M_USER_DEACTIVATE_HELP, "Mọi phiên đăng nhập và địa chỉ lịch của người này kết thúc ngay.",                                          \
      "Every session and the calendar address of this user end at once.")                                                                  \
    X(M_USER_REACTIVATE, "Mở lại tài khoản", "Reactivate")                                                                                 \
    X(M_USER_RESET, "Đặt lại mật khẩu", "Reset the password")                                                                              \
    X(M_USER_RESET_HELP,                                                                                                                   \
      "Tạo một mật khẩu ngẫu nhiên (chỉ hiện một lần); mọi phiên của người này kết thúc; họ phải "      \
      "tự đặt mật khẩu mới khi đăng nhập.",                                                                                                \
      "Makes a random password (shown once); every session of this user ends; they must set "                                              \
      "their own at the next login.")                                                                                                      \
    X(M_USER_TEMP_PW, "Mật khẩu tạm thời, chỉ hiện một lần này: hãy chuyển cho người dùng.",                                               \
      "Temporary password, shown only this once: give it to the user.")                                                                    \
    X(M_USER_MUST_CHANGE, "Phải đổi mật khẩu", "Must change the password")                                                                 \
    X(M_USER_NAME_RULES, "2–64 ký tự: chữ thường không dấu, chữ số, dấu . _ -",                                                            \
      "2–64 characters: lower-case letters, digits, . _ -")                                                                                \
    X(M_USER_EXISTS, "Tên đăng nhập này đã có người dùng.", "This user name is taken.")                                                    \
    X(M_USER_AGENCY_NEEDED, "Người dùng của cơ quan phối hợp cần có cơ quan.",                                                             \
      "A partner agency user needs an agency.")                                                                                            \
    X(M_USER_SELF, "Không áp dụng được cho chính tài khoản của bạn.", "Not on your own account.")                                          \
    X(M_USER_CREATED, "Đã tạo người dùng.", "User created.")                                                                               \
    X(M_USER_NONE, "Chưa có người dùng nào.", "No users.")                                                                                 \
    X(M_SESSIONS, "Phiên đăng nhập", "Sessions")                                                                                           \
    X(M_SESSION_KIND, "Loại", "Kind")                                                                                                      \
    X(M_SESSION_CREATED, "Bắt đầu", "Started")                                                                                             \
    X(M_SESSION_EXPIRES, "Hết hạn", "Expires")                                                                                             \
    X(M_SESSION_WEB, "Trình duyệt", "Browser")                                                                                             \
    X(M_SESSION_API, "API", "API")                                                                                                         \
    X(M_SESSION_THIS, "(phiên này)", "(this session)")                                                                                     \
    X(M_SESSION_REVOKE, "Kết thúc phiên", "End session")                                                                                   \
    X(M_SESSION_REVOKE_ALL, "Kết thúc mọi phiên", "End every session")                                                                     \
    X(M_SESSION_NONE, "Không có phiên nào đang mở.", "No open session.")                                                                   \
    X(M_SESSIONS_ENDED, "Đã kết thúc %lld phiên.", "%lld session(s) ended.")                                                               \
    X(M_PW_CHANGE, "Đổi mật khẩu", "Change the password")                                                                                  \
    X(M_PW_OLD, "Mật khẩu hiện tại", "Current password")                                                                                   \
    X(M_PW_NEW, "Mật khẩu mới", "New password")                                                                                            \
    X(M_PW_RULES,                                                                                                                          \
      "Ít nhất 8 ký tự, khác tên đăng nhập, không phải mật khẩu phổ biến. Các phiên khác của bạn "           \
      "sẽ kết thúc.",                                                                                                                      \
      "At least 8 characters, not your user name, not a common password. Your other sessions "                                             \
      "will end.")                                                                                                                         \
    X(M_PW_OLD_WRONG, "Mật khẩu hiện tại không đúng.", "The current password is wrong.")                                                   \
    X(M_PW_SHORT, "Cần ít nhất %lld ký tự.", "At least %lld characters.")                                                                  \
    X(M_PW_IS_NAME, "Mật khẩu không được trùng tên đăng nhập.",                                                                            \
      "The password must not be your user name.")                                                                                          \
    X(M_PW_COMMON, "Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.",                                                       \
      "This password is too common and easily guessed: choose another.")                                                                   \
    X(M_PW_SAME, "Mật khẩu mới phải khác mật khẩu hiện tại.",                                                                              \
      "The new password must differ from the current one.")                                                                                \
    X(M_PW_CHANGED, "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.",                                                      \
      "Password changed. Your other sessions have ended.")                                                                                 \
    X(M_PW_MUST_CHANGE,                                                                                                                    \
      "Mật khẩu của bạn do quản trị đặt: hãy đặt mật khẩu của riêng bạn trước khi tiếp tục.",                                              \
      "Your password was set by an administrator: set your own before you go on.")                                                         \
    X(M_ACCOUNT_CALENDAR, "Địa chỉ lịch cá nhân", "Personal calendar address")                                                             \
    X(M_ACCOUNT_CAL_NONE, "Bạn chưa có địa chỉ lịch. Tạo ở trang Lịch.",                                                                   \
      "You have no calendar address yet. Make one on the calendar page.")                                                                  \
    X(M_ACCOUNT_CAL_MADE, "Địa chỉ lịch của bạn được tạo lúc",                                                                             \
      "Your calendar address was made on")                                                                                                 \
    X(M_ACCOUNT_CAL_LINK, "Xem, tạo mới hoặc làm mới ở trang Lịch",                                                                        \
      "See, make or renew it on the calendar page")                                                                                        \
    X(M_NAMES_CODE, "Mã", "Code")                                                                                                          \
    X(M_NAMES_EN, "Tên ISO (tiếng Anh)", "ISO name (English)")                                                                             \
    X(M_NAMES_VI, "Tên tiếng Việt", "Vietnamese name")                                                                                     \
    X(M_NAMES_CORRECT, "Sửa tên tiếng Việt", "Correct a Vietnamese name")                                                                  \
    X(M_NAMES_REVIEWED, "đã sửa", "corrected")                                                                                             \
    X(M_NAMES_HINT, "Mã hoặc tên", "Code or name")                                                                                         \
    X(M_NAMES_N, "%lld tên", "%lld names")                                                                                                 \
    X(M_NAMES_SAVED, "Đã sửa tên; các trang hiển thị tên mới ngay.",                                                                       \
      "Name corrected; pages show it at once.")                                                                                            \
    X(M_SET_REPORT_DAYS, "Số ngày phải báo cáo kết quả đoàn sau khi kết thúc",                                                             \
      "Days after a delegation ends within which its report is due")                                                                       \
    X(M_SET_REPORT_DAYS_HELP, "Quá số ngày này, đoàn bị đánh dấu Chậm báo cáo kết quả.",                                                   \
      "Past this many days the delegation is flagged as reporting late.")                                                                  \
    X(M_SET_REMIND_DAYS, "Số ngày nhắc trước hạn cam kết",                                                                                 \
      "Days before a commitment deadline to remind")                                                                                       \
    X(M_SET_REMIND_DAYS_HELP, "Thông báo \"sắp đến hạn\" khi hạn còn trong số ngày này.",                                                  \
      "The \"due soon\" notice comes when the deadline is within this many days.")                                                         \
    X(M_SET_INSPECT_DAYS, "Số ngày tối đa giữa hai lần kiểm tra mốc giới",                                                                 \
      "Most days between two inspections of a border marker")                                                                              \
    X(M_SET_INSPECT_DAYS_HELP,                                                                                                             \
      "Mốc chưa được kiểm tra trong số ngày này bị đánh dấu Quá hạn kiểm tra.",                                                            \
      "A marker not inspected within this many days is flagged as overdue.")                                                               \
    X(M_SET_IDLE_MINUTES, "Số phút không dùng thì phiên đăng nhập kết thúc",                                                               \
      "Minutes of no use after which a signed-in session ends")                                                                            \
    X(M_SET_IDLE_MINUTES_HELP,                                                                                                             \
      "Một phiên trên trình duyệt không được dùng trong số phút này thì kết thúc: phải đăng nhập "              \
      "lại. Phiên nào cũng kết thúc sau 12 giờ.",                                                                                          \
      "A browser session not used for this many minutes ends: sign in again. Every session ends "                                          \
      "12 hours after its login.")                                                                                                         \
    X(M_SET_TOTP_ROLES, "Vai trò phải dùng xác thực hai bước",                                                                             \
      "Roles that must use two-step verification")                                                                                         \
    X(M_SET_TOTP_ROLES_HELP,                                                                                                               \
      "Người dùng có vai trò được chọn phải nhập thêm mã trên điện thoại mỗi lần đăng nhập; ai "           \
      "chưa thiết lập sẽ được hướng dẫn thiết lập ở lần đăng nhập sau. Áp dụng từ lần đăng nhập "   \
      "tiếp theo của mỗi người.",                                                                                                          \
      "Users of the roles ticked must type a code from their phone at each login; those who have "                                         \
      "not set it up are taken through it at their next login. It applies from each user's next "                                          \
      "login.")                                                                                                                            \
    X(M_SETTING_ROLES, "Chỉ chọn trong các vai trò có sẵn.", "Choose only among the roles.")                                               \
    X(M_TOTP_WRONG, "Mã xác thực không đúng hoặc đã được dùng.",                                                                           \
      "The code is wrong or has already been used.")                                                                                       \
    X(M_TOTP_TOO_MANY, "Nhập sai mã xác thực quá nhiều lần. Hãy thử lại sau 5 phút.",                                                      \
      "Too many wrong codes. Try again in 5 minutes.")                                                                                     \
    X(M_TOTP_START_AGAIN, "Hãy bắt đầu lại việc bật xác thực hai bước.",                                                                   \
      "Start turning on two-step verification again.")                                                                                     \
    X(M_TOKEN_DAYS, "Số ngày từ 1 đến %lld.", "A number of days from 1 to %lld.")                                                          \
    X(M_TOKEN_FROM_SESSION,                                                                                                                \
      "Khóa truy cập chỉ được tạo từ một phiên đăng nhập, không từ một khóa khác.",                                                        \
      "An access token is made from a signed-in session, not from another token.")                                                         \
    X(M_TOTP_TITLE, "Xác thực hai bước", "Two-step verification")                                                                          \
    X(M_TOTP_CODE, "Mã xác thực", "Verification code")                                                                                     \
    X(M_TOTP_CODE_HELP, "6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục.",                                                        \
      "The 6 digits in your authenticator app, or a recovery code.")                                                                       \
    X(M_TOTP_LOGIN_HELP,                                                                                                                   \
      "Mở ứng dụng xác thực trên điện thoại của bạn và nhập mã 6 chữ số của ngoaivu.",                                                     \
      "Open the authenticator app on your phone and type ngoaivu's 6-digit code.")                                                         \
    X(M_TOTP_ENROL_REQUIRED,                                                                                                               \
      "Vai trò của bạn phải dùng xác thực hai bước. Hãy thiết lập ngay để vào hệ thống.",                                                  \
      "Your role must use two-step verification. Set it up now to sign in.")                                                               \
    X(M_TOTP_SCAN,                                                                                                                         \
      "Quét mã QR bằng một ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, "                                \
      "FreeOTP…) hoặc nhập khóa bên dưới vào ứng dụng, rồi nhập mã 6 chữ số ứng dụng hiển thị.",                                           \
      "Scan the QR code with an authenticator app (Google Authenticator, Microsoft "                                                       \
      "Authenticator, FreeOTP…) or type the key below into the app, then type the 6-digit code "                                         \
      "it shows.")                                                                                                                         \
    X(M_TOTP_KEY, "Khóa", "Key")                                                                                                           \
    X(M_TOTP_CONFIRM, "Xác nhận và bật", "Confirm and turn on")                                                                            \
    X(M_TOTP_VERIFY, "Xác minh", "Verify")                                                                                                 \
    X(M_TOTP_TICKET_GONE,                                                                                                                  \
      "Bước đăng nhập đã hết hạn hoặc đã nhập sai quá nhiều lần. Hãy đăng nhập lại.",                                                      \
      "This login step has expired or had too many wrong codes. Sign in again.")                                                           \
    X(M_TOTP_ON, "Đang bật. Còn %lld mã khôi phục chưa dùng.",                                                                             \
      "On. %lld unused recovery codes left.")                                                                                              \
    X(M_TOTP_OFF, "Chưa bật. Khi bật, mỗi lần đăng nhập cần thêm mã trên điện thoại của bạn.",                                             \
      "Off. When on, each login also needs a code from your phone.")                                                                       \
    X(M_TOTP_ENABLE, "Bật xác thực hai bước", "Turn on two-step verification")                                                             \
    X(M_TOTP_DISABLE, "Tắt xác thực hai bước", "Turn off two-step verification")                                                           \
    X(M_TOTP_RENEW, "Tạo mã khôi phục mới", "Make new recovery codes")                                                                     \
    X(M_TOTP_NEED_CODE, "Nhập mã hiện tại để xác nhận.", "Type a current code to confirm.")                                                \
    X(M_TOTP_REQUIRED_NOTE, "Vai trò của bạn bắt buộc xác thực hai bước nên không tắt được.",                                              \
      "Your role requires two-step verification, so it cannot be turned off.")                                                             \
    X(M_RECOVERY_TITLE, "Mã khôi phục", "Recovery codes")                                                                                  \
    X(M_RECOVERY_HELP,                                                                                                                     \
      "Khi mất điện thoại, mỗi mã dùng được một lần thay cho mã xác thực. Hãy in hoặc cất ở nơi "           \
      "an toàn: chúng chỉ hiện một lần, trên trang này.",                                                                                  \
      "If you lose your phone, each code works once in place of a verification code. Print them "                                          \
      "or keep them somewhere safe: they are shown once, on this page.")                                                                   \
    X(M_RECOVERY_USED,                                                                                                                     \
      "Bạn vừa dùng một mã khôi phục; còn %lld mã. Khi mất điện thoại, hãy tạo mã mới hoặc nhờ "             \
      "quản trị bỏ xác thực hai bước cũ.",                                                                                                 \
      "You have just used a recovery code; %lld are left. If your phone is lost, make new codes "                                          \
      "or ask an administrator to remove the old second factor.")                                                                          \
    X(M_NAME, "Tên", "Name")                                                                                                               \
    X(M_TOTP_OFF_SHORT, "Chưa bật.", "Off.")                                                                                               \
    X(M_TOTP_AT_NEXT_LOGIN, " Vai trò này bắt buộc: người dùng sẽ thiết lập ở lần đăng nhập sau.",                                         \
      " This role requires it: the user sets it up at their next login.")                                                                  \
    X(M_CONTINUE, "Tiếp tục", "Continue")                                                                                                  \
    X(M_TOTP_TURNED_ON, "Đã bật xác thực hai bước.", "Two-step verification is on.")                                                       \
    X(M_TOTP_TURNED_OFF, "Đã tắt xác thực hai bước.", "Two-step verification is off.")                                                     \
    X(M_TOTP_RENEWED, "Đã tạo mã khôi phục mới; các mã cũ không còn dùng được.",                                                           \
      "New recovery codes made; the old ones no longer work.")                                                                             \
    X(M_USER_TOTP, "Xác thực hai bước", "Two-step verification")                                                                           \
    X(M_USER_TOTP_RESET, "Bỏ xác thực hai bước", "Remove two-step verification")                                                           \
    X(M_USER_TOTP_RESET_HELP,                                                                                                              \
      "Khi người dùng mất điện thoại: bỏ khóa cũ và kết thúc mọi phiên của họ. Nếu vai trò của "            \
      "họ bắt buộc, lần đăng nhập sau họ sẽ thiết lập lại.",                                                                               \
      "When the user has lost their phone: removes the old key and ends all their sessions. "                                              \
      "Where their role requires it, they set it up again at their next login.")                                                           \
    X(M_USER_TOTP_DONE, "Đã bỏ xác thực hai bước của người dùng; các phiên của họ đã kết thúc.",                                           \
      "The user's two-step verification is removed; their sessions have ended.")                                                           \
    X(M_TOKENS_TITLE, "Khóa truy cập API", "API access tokens")                                                                            \
    X(M_TOKENS_HELP,                                                                                                                       \
      "Cho chương trình dùng API thay cho mật khẩu của bạn: mỗi khóa có tên, thời hạn và thu hồi "                 \
      "được bất kỳ lúc nào. Gửi khóa trong tiêu đề Authorization: Bearer.",                                                                \
      "For programs that use the API in place of your password: each token has a name and a "                                              \
      "life, and can be revoked at any time. Send it in the header Authorization: Bearer.")                                                \
    X(M_TOKEN_NAME, "Tên (chương trình dùng khóa)", "Name (the program that uses it)")                                                     \
    X(M_TOKEN_DAYS_LABEL, "Thời hạn (ngày)", "Life (days)")                                                                                \
    X(M_TOKEN_MAKE, "Tạo khóa", "Make a token")                                                                                            \
    X(M_TOKEN_MADE, "Khóa mới — hãy chép ngay: trang này chỉ hiện nó một lần.",                                                            \
      "The new token — copy it now: this page shows it once.")                                                                             \
    X(M_TOKEN_NONE, "Chưa có khóa nào.", "No token yet.")                                                                                  \
    X(M_TOKEN_REVOKE, "Thu hồi", "Revoke")                                                                                                 \
    X(M_TOKEN_REVOKED, "Đã thu hồi khóa.", "The token is revoked.")                                                                        \
    X(M_TOKEN_USED, "Dùng lần cuối", "Last used")                                                                                          \
    X(M_TOTP_NEEDED, "Tài khoản này dùng xác thực hai bước: gửi kèm mã trong trường code.",                                                \
      "This account uses two-step verification: send the code in the field code.")                                                         \
    X(M_TOTP_ENROL_WEB,                                                                                                                    \
      "Vai trò của tài khoản này phải dùng xác thực hai bước: hãy thiết lập trên trình duyệt "                    \
      "trước.",                                                                                                                            \
      "This account's role must use two-step verification: set it up in the browser first.")                                               \
    X(M_MARKER_ATTENTION, "Lần kiểm tra gần nhất: mốc hư hỏng, bị xê dịch hoặc bị mất.",                                                   \
      "Latest inspection: the marker is damaged, displaced or lost.")                                                                      \
    X(M_MARKER_OVERDUE, "Mốc đã quá hạn kiểm tra.", "The marker is overdue for inspection.")                                               \
    X(M_DASH_INCIDENTS, "Vụ việc biên giới theo loại", "Border incidents by category")                                                     \
    X(M_DASH_QUARTER, "Quý này", "This quarter")                                                                                           \
    X(M_DASH_THIS_YEAR, "Năm nay", "This year")                                                                                            \
    X(M_DASH_LAST_YEAR, "Năm trước", "Last year")                                                                                          \
    X(M_DASH_INC_OPEN, "Đang xử lý", "Being handled")                                                                                      \
    X(M_DASH_INC_OPEN_CARD, "Vụ việc biên giới đang xử lý", "Border incidents being handled")                                              \
    X(M_DASH_TOTAL, "Tổng số", "Total")                                                                                                    \
    X(M_DASH_MARKERS_ATTENTION, "Mốc giới hư hỏng, xê dịch hoặc mất",                                                                      \
      "Markers damaged, displaced or lost")                                                                                                \
    X(M_DASH_MARKERS_OVERDUE, "Mốc giới quá hạn kiểm tra", "Markers overdue for inspection")                                               \
    X(M_PROVINCE_AREA, "Vùng địa bàn tỉnh (vĩ độ nam, kinh độ tây, vĩ độ bắc, kinh độ đông)",                                              \
      "The province's area (south latitude, west longitude, north latitude, east longitude)")                                              \
    X(M_PROVINCE_AREA_HINT,                                                                                                                \
      "Độ thập phân, cách nhau bằng dấu phẩy, ví dụ 13.9,107.4,15.4,109.2. Toạ độ cách vùng này "                  \
      "quá nửa độ bị coi là nhập nhầm; bản đồ biên giới lấy vùng này làm khung. Để trống: không "          \
      "kiểm tra.",                                                                                                                         \
      "Decimal degrees, separated by commas, such as 13.9,107.4,15.4,109.2. Coordinates more "                                             \
      "than half a degree outside it are taken for a slip; the border map is framed on it. "                                               \
      "Empty: no such check.")                                                                                                             \
    X(M_PROVINCE_AREA_BAD,                                                                                                                 \
      "Cần bốn số: vĩ độ nam, kinh độ tây, vĩ độ bắc, kinh độ đông (nam nhỏ hơn bắc, tây nhỏ hơn "       \
      "đông, rộng không quá 10 độ).",                                                                                                      \
      "Four numbers are needed: south, west, north, east (south below north, west below east, at "                                         \
      "most 10 degrees wide).")                                                                                                            \
    X(M_MAP_TITLE, "Bản đồ biên giới", "Border map")                                                                                       \
    X(M_MAP_MARKER, "Mốc", "Marker")                                                                                                       \
    X(M_MAP_COUNTS, "%lld điểm trên bản đồ", "%lld on the map")                                                                            \
    X(M_MAP_NO_POINT, "%lld bản ghi khác khớp bộ lọc nhưng chưa có toạ độ.",                                                               \
      "%lld more match the filters but have no coordinates.")                                                                              \
    X(M_MAP_STATE, "Tình trạng", "State")                                                                                                  \
    X(M_MAP_COORDS, "Vĩ độ, kinh độ", "Latitude, longitude")                                                                               \
    X(M_MAP_MORE, "Xem danh sách đầy đủ (thêm %lld bản ghi)", "See the whole list (%lld more)")                                            \
    X(M_MAP_GEOJSON, "Tải GeoJSON:", "Download GeoJSON:")                                                                                  \
    X(M_MAP_OTHERS, "Các điểm khác (%lld)", "The others (%lld)")                                                                           \
    X(M_MAP_LAYERS, "Lớp hiển thị", "Layers")                                                                                              \
    X(M_MAP_KEY_GATE, "Cửa khẩu", "Border gate")                                                                                           \
    X(M_MAP_KEY_MARKER, "Mốc giới", "Border marker")                                                                                       \
    X(M_MAP_KEY_POSITION, "Vị trí mốc chưa cắm", "Marker position not planted yet")                                                        \
    X(M_MAP_KEY_MARKER_FLAG, "Mốc hư hỏng, xê dịch, mất hoặc quá hạn kiểm tra",                                                            \
      "Marker damaged, displaced, lost or overdue for inspection")                                                                         \
    X(M_MAP_KEY_INCIDENT, "Vụ việc đã giải quyết", "Incident resolved")                                                                    \
    X(M_MAP_KEY_INCIDENT_OPEN, "Vụ việc đang xử lý", "Incident being handled")                                                             \
    X(M_MAP_CAPPED, "Bản đồ vẽ %lld điểm gần nhất; thu hẹp bộ lọc để xem các điểm khác",                                                   \
      "The map draws the latest %lld; narrow the filters to see the others")                                                               \
    X(M_MAP_SOURCE,                                                                                                                        \
      "Đường biên giới quốc gia: Natural Earth (phạm vi công cộng), tỉ lệ 1:10 triệu, chỉ để "                    \
      "minh hoạ vị trí; không có giá trị pháp lý về đường biên.",                                                                          \
      "National borders: Natural Earth (public domain), 1:10 million, to show where things are "                                           \
      "only; of no legal value as to the boundary line.")                                                                                  \
    X(M_SET_SOURCE, "Đang áp dụng: %lld", "In force: %lld")                                                                                \
    X(M_SET_FROM_DB, "(đã lưu)", "(stored)")                                                                                               \
    X(M_SET_FROM_ENV, "(từ biến môi trường)", "(from the environment)")                                                                    \
    X(M_SET_FROM_DEFAULT, "(mặc định)", "(default)")                                                                                       \
    X(M_SET_BLANK_HELP, "Để trống để dùng giá trị của biến môi trường hoặc mặc định.",                                                     \
      "Leave empty for the environment's value or the default.")                                                                           \
    X(M_SETTING_RANGE, "Nhập một số nguyên từ 1 đến %lld.", "A whole number from 1 to %lld.")                                              \
    X(M_AUDIT_AT, "Thời điểm (UTC)", "When (UTC)")                                                                                         \
    X(M_AUDIT_USER, "Người thực hiện", "User")                                                                                             \
    X(M_AUDIT_ENTITY, "Loại bản ghi", "Record type")                                                                                       \
    X(M_AUDIT_RECORD, "Bản ghi", "Record")                                                                                                 \
    X(M_AUDIT_CHANGES, "Thay đổi", "Changes")                                                                                              \
    X(M_AUDIT_FROM, "Từ ngày", "From")                                                                                                     \
    X(M_AUDIT_TO, "Đến ngày", "To")                                                                                                        \
    X(M_AUDIT_NONE, "Không có mục nào.", "No entries.")                                                                                    \
    X(M_AUDIT_N, "%lld mục", "%lld entries")                                                                                               \
    X(M_ENT_USER, "Người dùng", "User")                                                                                                    \
    X(M_ENT_SETTING, "Thiết lập", "Setting")                                                                                               \
    X(M_ENT_NAME, "Tên địa danh", "Place name")                                                                                            \
    X(M_PW_TOO_MANY, "Nhập sai mật khẩu hiện tại quá nhiều lần. Hãy thử lại sau 5 phút.",                                                  \
      "Too many wrong current passwords. Try again in 5 minutes.")                                                                         \
    X(M_ADMIN_MENU, "Quản trị", "Administration")                                                                                          \
    X(M_NAMES_COUNTRY, "Mã quốc gia", "Country code")                                                                                      \
    X(M_PROJECT_CODE, "Mã chỉ gồm chữ không dấu, chữ số và - . _ (không có dấu cách, / & | ?).",                                           \
      "A code holds only letters, digits and - . _ (no spaces, no / & | ?).")                                                              \
    X(M_SECTOR_PERCENT, "Tỷ lệ phải lớn hơn 0 và không quá 100.",                                                                          \
      "The share must be more than 0 and at most 100.")                                                                                    \
    X(M_AMOUNT_NEEDED, "Nhập số cam kết hoặc số giải ngân.",                                                                               \
      "Enter an amount committed or disbursed.")                                                                                           \
    X(M_RATE_NEEDED, "Cần tỷ giá (lớn hơn 0) đã dùng để quy đổi.",                                                                         \
      "The exchange rate used is needed (more than 0).")                                                                                   \
    X(M_LEAD_STALLED, "Quá 60 ngày chưa tiếp xúc, làm việc với đối tác.",                                                                  \
      "No contact with the partner for 60 days.")                                                                                          \
    X(M_DEADLINE_APPRAISAL, "Quá 20 ngày kể từ khi nhận đủ hồ sơ mà chưa thẩm định xong.",                                                 \
      "Not appraised 20 days after the complete file.")                                                                                    \
    X(M_DEADLINE_NOTIFY, "Đã phê duyệt quá 5 ngày mà chưa thông báo.",                                                                     \
      "Approved more than 5 days ago and not yet notified.")                                                                               \
    X(M_DEADLINE_UNUSED, "Phê duyệt đã quá 6 tháng mà chưa triển khai: có thể bị thu hồi.",                                                \
      "Approved 6 months ago and not started: the approval may be revoked.")                                                               \
    X(M_DEADLINE_ANNUAL, "Chưa nhận báo cáo năm (hạn ngày 15 tháng 01).",                                                                  \
      "The annual report has not come in (due 15 January).")                                                                               \
    X(M_DEADLINE_CLOSING, "Đã kết thúc quá 6 tháng mà chưa có báo cáo kết thúc.",                                                          \
      "Ended more than 6 months ago without a closing report.")                                                                            \
    X(M_NAV_AID, "Dự án, viện trợ", "Aid and investment")                                                                                  \
    X(M_PIPELINE_TITLE, "Danh mục dự án theo giai đoạn", "Project pipeline")                                                               \
    X(M_PIPELINE_PROJECTS, "dự án", "projects")                                                                                            \
    X(M_PIPELINE_ALL, "Xem cả %lld dự án", "See all %lld projects")                                                                        \
    X(M_PIPELINE_EMPTY, "Chưa có dự án nào.", "No project.")                                                                               \
    X(M_PIPELINE_COMMITTED, "Cam kết", "Committed")                                                                                        \
    X(M_PIPELINE_DISBURSED, "Giải ngân", "Disbursed")                                                                                      \
    X(M_PIPELINE_CHART,                                                                                                                    \
      "Vốn cam kết và giải ngân theo năm, các dự án đã phê duyệt, đang thực hiện và đã kết thúc",                                          \
      "Committed and disbursed by year, projects approved, running and closed")                                                            \
    X(M_THOUSAND_USD, "nghìn USD", "thousand USD")                                                                                         \
    X(M_MILLION_USD, "triệu USD", "million USD")                                                                                           \
    X(M_IATI_EXPORT, "Xuất IATI (XML)", "IATI export (XML)")                                                                               \
    X(M_IATI_NO_ORG, "Chưa có mã tổ chức IATI của Sở: quản trị viên nhập ở trang Hồ sơ tỉnh.",                                             \
      "The department's IATI organisation identifier is not set: an admin enters it on the "                                               \
      "province profile.")                                                                                                                 \
    X(M_IATI_NONE,                                                                                                                         \
      "Không có dự án nào đã phê duyệt, đang thực hiện hoặc đã kết thúc để xuất (IATI cần ít "              \
      "nhất một hoạt động).",                                                                                                              \
      "No project approved, running or closed to export (IATI needs at least one activity).")                                              \
    X(M_IATI_R_START, "Cần ngày bắt đầu (dự kiến hoặc thực tế).",                                                                          \
      "A start date is needed (planned or actual).")                                                                                       \
    X(M_IATI_R_SECTORS,                                                                                                                    \
      "Các lĩnh vực (mã DAC 5 chữ số) phải cộng lại đúng 100%%; hiện là %lld%%.",                                                          \
      "The sectors (DAC 5-digit codes) must add up to 100%%; they add up to %lld%%.")                                                      \
    X(M_IATI_R_DESC, "Cần mô tả của dự án.", "A description is needed.")                                                                   \
    X(M_IATI_R_ORG,                                                                                                                        \
      "Cần ít nhất một đối tác tham gia với vai trò (tài trợ, chủ quản, chuyển vốn, thực hiện).",                                          \
      "At least one participating organisation with a role is needed.")                                                                    \
    X(M_IATI_R_ORDER, "Ngày bắt đầu phải trước ngày kết thúc.",                                                                            \
      "The start must come before the end.")                                                                                               \
    X(M_IATI_R_FUTURE, "Ngày thực tế hoặc ngày giao dịch không được sau hôm nay.",                                                         \
      "An actual date or a transaction must not be in the future.")                                                                        \
    X(M_IATI_R_ID, "Mã hoạt động không được chứa dấu cách hay / & | ?.",                                                                   \
      "An activity identifier must not hold spaces or / & | ?.")                                                                           \
    X(M_IATI_R_CURRENCY, "Mỗi giá trị cần đồng tiền theo ISO 4217.",                                                                       \
      "Every value needs an ISO 4217 currency.")                                                                                           \
    X(M_IATI_SCHEMA, "Tài liệu không hợp lệ theo lược đồ IATI 2.03",                                                                       \
      "The document does not validate against the IATI 2.03 schema")                                                                       \
    X(M_IATI_ACTIVITY, "Hoạt động", "Activity")                                                                                            \
    X(M_IATI_RULE, "Quy tắc", "Rule")                                                                                                      \
    X(M_IATI_REFUSED, "Không xuất được tài liệu IATI", "The IATI document cannot be given")                                                \
    X(M_IMPORT_BAD_ID, "Cột id phải là số của một bản ghi, hoặc để trống với bản ghi mới.",                                                \
      "The id column holds a record's number, or nothing for a new record.")                                                               \
    X(M_IMPORT_CHANGED,                                                                                                                    \
      "Bản ghi đã được sửa sau khi xuất tệp (nay là phiên bản %lld): xuất lại rồi sửa.",                                                   \
      "The record has changed since the file was exported (it is at version %lld now): export it "                                         \
      "again and edit that.")                                                                                                              \
    X(M_IMPORT_UPDATED, "Trong đó %lld bản ghi đã có được cập nhật theo cột id.",                                                          \
      "Of them, %lld existing records were updated by their id.")                                                                          \
    X(M_NGO_TOO_LONG, "Giấy đăng ký loại này có hiệu lực tối đa %lld năm.",                                                                \
      "A certificate of this kind is valid for %lld years at most.")                                                                       \
    X(M_NGO_EXPIRED, "Giấy đăng ký đã hết hạn.", "The certificate has expired.")                                                           \
    X(M_NGO_EXPIRING, "Giấy đăng ký hết hạn trong 60 ngày mà chưa nộp hồ sơ gia hạn.",                                                     \
      "The certificate expires within 60 days and no renewal has been filed.")                                                             \
    X(M_NGO_PLAN_LATE, "Quá 45 ngày làm việc mà chưa nhận kế hoạch hoạt động.",                                                            \
      "The activity plan has not come in within 45 working days.")                                                                         \
    X(M_DASH_STALLED, "Đầu mối dự án quá 60 ngày chưa tiếp xúc",                                                                           \
      "Leads with no contact for 60 days")                                                                                                 \
    X(M_DASH_AID_DEADLINES, "Hạn thủ tục viện trợ bị trễ", "Aid procedure deadlines missed")                                               \
    X(M_DASH_NGO_EXPIRING, "Giấy đăng ký của tổ chức PCPNN sắp hết hạn (60 ngày)",                                                         \
      "NGO certificates expiring within 60 days")                                                                                          \
    X(M_DASH_AID, "Dự án, viện trợ: hạn thủ tục", "Aid and investment: deadlines")                                                         \
    X(M_WHOLE_NUMBER, "Cần một số nguyên.", "A whole number is needed.")                                                                   \
    X(M_AWARD_OVERDUE,                                                                                                                     \
      "Đã quá ngày dự kiến tốt nghiệp mà chưa có kết quả (tốt nghiệp hoặc thôi học).",                                                     \
      "The expected end has passed with no outcome (graduated or withdrawn).")                                                             \
    X(M_AWARD_AWAITING, "Học bổng vượt chỉ tiêu của tỉnh bạn trong năm: cần lãnh đạo duyệt.",                                              \
      "Beyond the province's quota for the year: a leader's approval is needed.")                                                          \
    X(M_SCHOLAR_TITLE, "Học bổng cho các tỉnh bạn", "Scholarships for partner provinces")                                                  \
    X(M_SCHOLAR_YEAR, "Năm học bổng", "Year")                                                                                              \
    X(M_SCHOLAR_NONE, "Chưa có chỉ tiêu nào cho năm này.", "No quota for this year.")                                                      \
    X(M_SCHOLAR_OVERDUE, "Lưu học sinh quá hạn tốt nghiệp", "Students past their expected end")                                            \
    X(M_SCHOLAR_AWAITING, "Học bổng vượt chỉ tiêu chờ duyệt",                                                                              \
      "Awards over quota awaiting approval")                                                                                               \
    X(M_TARGET_DEPARTMENT,                                                                                                                 \
      "Chỉ tiêu năm do Sở đặt; cơ quan chỉ nhập kết quả, nguồn và ngày số liệu.",                                                          \
      "The year's target is the department's; an agency enters the result, its source and date.")                                          \
    X(M_PROG_TITLE, "Đề án hội nhập quốc tế: tiến độ các chỉ tiêu",                                                                        \
      "Integration programme: progress of its targets")                                                                                    \
    X(M_PROG_RULE,                                                                                                                         \
      "Cách đánh giá: so kết quả của năm gần nhất có số liệu với chỉ tiêu của chính năm đó, tính "         \
      "phần quãng đường từ giá trị gốc đến chỉ tiêu đã đi được. Đạt 100%% trở lên: đạt tiến độ; " \
      "từ %lld%% đến dưới 100%%: có nguy cơ không đạt; thấp hơn nữa: chậm. Chưa năm nào có cả "                 \
      "chỉ tiêu và kết quả: chưa có số liệu.",                                                                                             \
      "How it is judged: the latest year with a measurement is compared with that same year's "                                            \
      "target, as the share of the way from the baseline to the target that was made. 100%% or "                                           \
      "more: on track; from %lld%% to less than 100%%: at risk; less still: behind. No year with "                                         \
      "both a target and a measurement: not measured yet.")                                                                                \
    X(M_PROG_PERIOD, "Giai đoạn", "Period")                                                                                                \
    X(M_PROG_VISION, "tầm nhìn đến năm", "vision to")                                                                                      \
    X(M_PROG_LATEST, "Kết quả gần nhất", "Latest measured")                                                                                \
    X(M_PROG_YEAR_TARGET, "Chỉ tiêu năm đó", "That year's target")                                                                         \
    X(M_PROG_SHARE, "Đã đạt", "Made")                                                                                                      \
    X(M_PROG_FINAL, "Chỉ tiêu cuối kỳ", "Final target")                                                                                    \
    X(M_PROG_STATUS, "Đánh giá", "Status")                                                                                                 \
    X(M_PROG_NONE, "Chưa có đề án nào.", "No programme yet.")                                                                              \
    X(M_CAL_APPRAISAL, "hạn thẩm định hồ sơ", "appraisal due")                                                                             \
    X(M_CAL_NOTIFY, "hạn thông báo phê duyệt", "approval notice due")                                                                      \
    X(M_CAL_NGO_EXPIRY, "hết hạn giấy đăng ký", "certificate expires")                                                                     \
    X(M_NOTICE_AID_DEADLINE, "Dự án trễ hạn thủ tục viện trợ",                                                                             \
      "Project past an aid procedure deadline")                                                                                            \
    X(M_NOTICE_LEAD_STALLED, "Đầu mối dự án quá 60 ngày chưa tiếp xúc",                                                                    \
      "Lead with no contact for 60 days")                                                                                                  \
    X(M_NOTICE_NGO_EXPIRING, "Giấy đăng ký của tổ chức PCPNN sắp hết hạn",                                                                 \
      "NGO certificate expiring")                                                                                                          \
    X(M_NOTICE_NGO_PLAN_LATE, "Tổ chức PCPNN chưa gửi kế hoạch hoạt động",                                                                 \
      "NGO activity plan overdue")                                                                                                         \
    X(M_PIPELINE_FIGURES, "Số liệu theo năm", "The figures by year")                                                                       \
    X(M_IATI_ORG_HINT,                                                                                                                     \
      "Mã tổ chức do IATI cấp (như XI-IATI-…): phần đầu của mã mọi hoạt động mà Sở công bố; mã "           \
      "đã cấp cho một dự án không đổi theo.",                                                                                              \
      "The identifier IATI gives the department (such as XI-IATI-…): the start of every "                                                \
      "activity's identifier it publishes; an identifier already given to a project does not "                                             \
      "change with it.")                                                                                                                   \
    X(M_ABBREV, "Chữ viết tắt tên cơ quan", "The department's abbreviation")                                                               \
    X(M_ABBREV_HINT,                                                                                                                       \
      "Dùng trong ký hiệu văn bản (Nghị định 30/2020), như SNgV trong 07/BC-SNgV: chỉ chữ và số.",                                         \
      "Used in the symbol of its documents (Decree 30/2020), as SNgV in 07/BC-SNgV: letters and "                                          \
      "digits only.")                                                                                                                      \
    X(M_ABBREV_BAD, "Chữ viết tắt chỉ gồm chữ và số, không có dấu cách, / hoặc -.",                                                        \
      "An abbreviation holds letters and digits only, without spaces, / or -.")                                                            \
    X(M_PARENT_BODY, "Cơ quan chủ quản (như ghi trên văn bản)",                                                                            \
      "Parent body (as a document's header names it)")                                                                                     \
    X(M_IATI_ORG, "Mã tổ chức IATI của Sở", "The department's IATI organisation identifier")                                               \
    X(M_IATI_ORG_BAD, "Mã tổ chức IATI dạng TIỀNTỐ-MÃ, không có dấu cách, / & | ?.",                                                       \
      "An IATI organisation identifier is PREFIX-CODE, without spaces or / & | ?.")                                                        \
    X(M_NAV_REPORTS, "Báo cáo, tập san", "Reports, bulletin")                                                                              \
    X(M_REPORT_DOCUMENT, "Văn bản báo cáo", "The report's document")                                                                       \
    X(M_REPORT_VIEW, "Xem văn bản", "View the document")                                                                                   \
    X(M_REPORT_DRAFT_NOTE,                                                                                                                 \
      "Dự thảo: số liệu được tính lại từ dữ liệu hiện có mỗi lần xem hoặc tải về.",                                                        \
      "A draft: its figures are counted again from the data each time it is viewed or "                                                    \
      "downloaded.")                                                                                                                       \
    X(M_REPORT_FROZEN_NOTE,                                                                                                                \
      "Đã ban hành: văn bản và các tệp được lưu nguyên trạng khi ban hành, không thay đổi theo "                    \
      "dữ liệu.",                                                                                                                          \
      "Issued: the document and its files are kept exactly as they were issued, whatever the "                                             \
      "data becomes.")                                                                                                                     \
    X(M_BULLETIN, "Tập san đối ngoại", "Foreign Affairs Bulletin")                                                                         \
    X(M_BULLETIN_CATEGORIES, "Chuyên mục", "Categories")                                                                                   \
    X(M_BULLETIN_LANGS, "Ngôn ngữ", "Languages")                                                                                           \
    X(M_BULLETIN_SEARCH_HINT, "Tìm bài viết (gõ không dấu cũng được)", "Search the articles")                                              \
    X(M_BULLETIN_HOME, "Về trang tập san", "To the bulletin's front page")                                                                 \
    X(M_BULLETIN_NEWER, "Bài mới hơn", "Newer")                                                                                            \
    X(M_BULLETIN_OLDER, "Bài cũ hơn", "Older")                                                                                             \
    X(M_BULLETIN_NONE, "Chưa có bài viết nào.", "No article yet.")                                                                         \
    X(M_BULLETIN_LATEST, "Bài mới", "Latest")                                                                                              \
    X(M_BULLETIN_TAGS, "Từ khóa", "Tags")                                                                                                  \
    X(M_BULLETIN_TAG, "Từ khóa", "Tag")                                                                                                    \
    X(M_BULLETIN_READ_IN, "Đọc bằng", "Read in")                                                                                           \
    X(M_BULLETIN_NOT_TRANSLATED, "Bài này chưa có bản dịch; đây là bản tiếng Việt.",                                                       \
      "This article has not been translated yet: here it is in Vietnamese.")                                                               \
    X(M_BULLETIN_ISSUE_PDF, "Bản in (PDF) của số này", "This issue as a PDF to print")                                                     \
    X(M_BULLETIN_COMMENTS, "Ý kiến bạn đọc", "Readers' comments")                                                                          \
    X(M_COMMENT_WRITE, "Gửi ý kiến", "Leave a comment")                                                                                    \
    X(M_COMMENT_PRIVACY,                                                                                                                   \
      "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *",                                               \
      "Your e-mail address will not be shown publicly. Required fields are marked *")                                                      \
    X(M_COMMENT_NAME, "Họ tên", "Name")                                                                                                    \
    X(M_COMMENT_EMAIL, "Email", "E-mail")                                                                                                  \
    X(M_COMMENT_TEXT, "Ý kiến", "Comment")                                                                                                 \
    X(M_COMMENT_MODERATED, "Ý kiến được đăng sau khi Ban biên tập duyệt.",                                                                 \
      "Comments appear once the editors have approved them.")                                                                              \
    X(M_COMMENT_SEND, "Gửi", "Send")                                                                                                       \
    X(M_COMMENT_SENT, "Cảm ơn bạn. Ý kiến đã được gửi và sẽ được đăng sau khi duyệt.",                                                     \
      "Thank you. Your comment was received and will appear once approved.")                                                               \
    X(M_COMMENT_TOO_MANY,                                                                                                                  \
      "Bạn đã gửi nhiều ý kiến trong thời gian ngắn; xin thử lại sau ít phút.",                                                            \
      "You have sent several comments in a short time; please try again in a few minutes.")                                                \
    X(M_VERSIONS, "Các phiên bản (lịch sử thay đổi)", "Versions (history of changes)")                                                     \
    X(M_RESTORE, "Khôi phục phiên bản này", "Restore this version")                                                                        \
    X(M_REVISION_CURRENT, "Phiên bản hiện tại", "The current version")                                                                     \
    X(M_MODERATION, "Duyệt ý kiến bạn đọc", "Moderate readers' comments")                                                                  \
    X(M_MODERATION_NONE, "Không có ý kiến nào ở trạng thái này.", "No comment in this state.")                                             \
    X(M_MODERATION_DONE, "Đã xử lý %lld ý kiến.", "%lld comments done.")                                                                   \
    X(M_MODERATION_PICK, "Chọn ý kiến", "Choose comment")                                                                                  \
    X(M_MODERATION_HAS_LINKS, "Có đường dẫn: kiểm tra trước khi duyệt",                                                                    \
      "Holds links: check before approving")                                                                                               \
    X(M_APPROVE, "Duyệt đăng", "Approve")                                                                                                  \
    X(M_REJECT, "Không đăng", "Reject")                                                                                                    \
    X(M_MARK_SPAM, "Thư rác", "Spam")                                                                                                      \
    X(M_BULLETIN_PUBLIC, "Trang tập san công khai", "The public bulletin")                                                                 \
    X(M_ARTICLE_PUBLIC_LINK, "Xem trên trang công khai", "See it on the public site")                                                      \
    X(M_ARTICLE_PREVIEW, "Xem trước như bạn đọc", "Preview as readers will see it")                                                        \
    X(M_ARTICLE_IMAGES, "Ảnh của bài", "The article's images")                                                                             \
    X(M_ARTICLE_IMAGES_HINT,                                                                                                               \
      "Đính kèm ảnh PNG hoặc JPEG ở mục Tệp đính kèm; ảnh đầu tiên là ảnh đại diện. Chèn ảnh vào "       \
      "nội dung bằng đoạn mã bên cạnh.",                                                                                                   \
      "Attach PNG or JPEG images under the attached files; the first is the article's picture. "                                           \
      "Put one in the text with the code beside it.")                                                                                      \
    X(M_ARTICLE_FROM_RECORD, "Viết bài tập san từ hồ sơ này",                                                                              \
      "Write a bulletin article from this record")                                                                                         \
    X(M_ARTICLE_SOURCE, "Bài viết từ hồ sơ", "Article written from the record")                                                            \
    X(M_SLUG_BAD, "Chỉ gồm chữ không dấu, chữ số và dấu gạch nối (như tin-tuc).",                                                          \
      "Letters without diacritics, digits and hyphens only (such as tin-tuc).")                                                            \
    X(M_PUBLISH_AT_BAD, "Ngày giờ dạng 2026-12-05 08:00 (giờ Việt Nam).",                                                                  \
      "A day and time such as 2026-12-05 08:00 (Vietnam time).")                                                                           \
    X(M_TRANSLATION_HALF, "Bản dịch cần đủ cả tiêu đề và nội dung.",                                                                       \
      "A translation needs both its title and its text.")                                                                                  \
    X(M_FROZEN, "Văn bản đã ban hành được lưu nguyên trạng: không sửa, không xóa được.",                                                   \
      "An issued document is kept as it was issued: it cannot be changed or deleted.")                                                     \
    X(M_REPORT_PERIOD_BAD,                                                                                                                 \
      "Kỳ báo cáo dạng 2019-03 (tháng), 2019-Q1 (quý), 2019-H1 (6 tháng) hoặc 2019 (năm).",                                                \
      "A period is 2019-03 (a month), 2019-Q1 (a quarter), 2019-H1 (a half year) or 2019 (a "                                              \
      "year).")                                                                                                                            \
    X(M_REPORT_INCOMPLETE,                                                                                                                 \
      "Cần soạn đủ phần kết quả, khó khăn, đề xuất và người ký trước khi ban hành.",                                                       \
      "The results, difficulties, proposals and the signer are needed before the report is "                                               \
      "issued.")                                                                                                                           \
    X(M_REPORT_NO_ABBREV, "Chưa có chữ viết tắt tên cơ quan (hồ sơ tỉnh) để ghi ký hiệu văn bản.",                                         \
      "The department's abbreviation (province profile) is needed for the document's symbol.")                                             \
    X(M_REPORT_DRAW_FAILED, "Không tạo được tệp báo cáo; báo cáo chưa được ban hành.",                                                     \
      "The report's files could not be made; it was not issued.")

enum {
#define NGV_MSG_ENUM(id, vi, en) id,
    NGV_MESSAGES(NGV_MSG_ENUM)
#undef NGV_MSG_ENUM
        M_COUNT
};

/* The message in lang ("vi" or "en"; anything else is Vietnamese). */
const char *msg(int id, const char *lang);
/* Machine-readable name of the message ("required", "too_long", ...) for the API,
 * written into out (48 bytes is enough); returns out. */
const char *msg_code(int id, char out[48]);
#endif
