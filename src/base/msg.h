/* The message catalogue: every user-facing sentence, Vietnamese first, English second.
 * Field and record-type labels live in the record descriptions; everything else is here.
 * A message may hold one %lld for its argument (a length, a count). */
#ifndef NGV_MSG_H
#define NGV_MSG_H

#define NGV_MESSAGES(X)                                                                            \
    X(M_APP_NAME, "Hệ thống thông tin đối ngoại", "Foreign affairs information system")            \
    X(M_REQUIRED, "Bắt buộc nhập.", "This field is required.")                                     \
    X(M_TOO_LONG, "Dài quá %lld ký tự.", "Longer than %lld characters.")                           \
    X(M_BAD_UTF8, "Văn bản không hợp lệ (không phải UTF-8).", "Invalid text (not UTF-8).")         \
    X(M_BAD_ENUM, "Giá trị không nằm trong danh sách.", "Not one of the allowed values.")          \
    X(M_BAD_COUNTRY, "Mã quốc gia không tồn tại (ISO 3166-1).",                                    \
      "Unknown country code (ISO 3166-1).")                                                        \
    X(M_BAD_SUBDIV, "Mã địa phương không tồn tại (ISO 3166-2).",                                   \
      "Unknown subdivision code (ISO 3166-2).")                                                    \
    X(M_SUBDIV_COUNTRY, "Địa phương này không thuộc quốc gia đã chọn.",                            \
      "This subdivision is not in the chosen country.")                                            \
    X(M_SUBDIV_NEEDS_COUNTRY, "Chọn quốc gia trước khi chọn địa phương.",                          \
      "Choose a country before a subdivision.")                                                    \
    X(M_BAD_REF, "Bản ghi được tham chiếu không tồn tại.",                                         \
      "The referenced record does not exist.")                                                     \
    X(M_BAD_BOOL, "Chỉ nhận có/không.", "Must be yes or no.")                                      \
    X(M_BAD_EMAIL, "Địa chỉ e-mail không hợp lệ.", "Not a valid e-mail address.")                  \
    X(M_BAD_URL, "Địa chỉ web phải bắt đầu bằng http:// hoặc https://.",                           \
      "A web address must start with http:// or https://.")                                        \
    X(M_BAD_PHONE, "Số điện thoại chỉ gồm chữ số, dấu cách, + - ( ).",                             \
      "A phone number holds only digits, spaces and + - ( ).")                                     \
    X(M_DUPLICATE, "Đã có bản ghi khác với giá trị này.",                                          \
      "Another record already has this value.")                                                    \
    X(M_UNKNOWN_FIELD, "Trường không tồn tại.", "Unknown field.")                                  \
    X(M_LOCALITY_NEEDS_SUBDIV, "Địa phương nước ngoài cần mã địa phương (ISO 3166-2).",            \
      "A foreign locality needs its subdivision code (ISO 3166-2).")                               \
    X(M_NOT_FOUND, "Không tìm thấy.", "Not found.")                                                \
    X(M_FORBIDDEN, "Bạn không có quyền thực hiện thao tác này.",                                   \
      "You are not allowed to do this.")                                                           \
    X(M_UNAUTHORIZED, "Cần đăng nhập.", "Login required.")                                         \
    X(M_BAD_LOGIN, "Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password.")             \
    X(M_RATE_LIMITED, "Đăng nhập sai quá nhiều lần. Thử lại sau ít phút.",                         \
      "Too many failed logins. Try again in a few minutes.")                                       \
    X(M_CSRF, "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy thử lại.",                \
      "The form has expired or is not valid. Please try again.")                                   \
    X(M_BAD_JSON, "Dữ liệu JSON không hợp lệ.", "Malformed JSON.")                                 \
    X(M_TOO_LARGE, "Dữ liệu gửi lên quá lớn.", "The request body is too large.")                   \
    X(M_BAD_REQUEST, "Yêu cầu không hợp lệ.", "Bad request.")                                      \
    X(M_INVALID, "Dữ liệu chưa hợp lệ, xem các trường được đánh dấu.",                             \
      "Some fields are not valid; see the marked fields.")                                         \
    X(M_CONFLICT, "Bản ghi đã bị người khác sửa. Tải lại trang và sửa lại.",                       \
      "Someone else changed this record. Reload and edit again.")                                  \
    X(M_IN_USE, "Không xoá được: còn %lld bản ghi khác tham chiếu tới.",                           \
      "Cannot delete: %lld other records refer to it.")                                            \
    X(M_INTERNAL, "Lỗi hệ thống. Thao tác chưa được thực hiện.",                                   \
      "Internal error. Nothing was changed.")                                                      \
    X(M_METHOD, "Phương thức không được hỗ trợ.", "Method not allowed.")                           \
    X(M_BAD_PARAM, "Tham số không hợp lệ.", "Invalid parameter.")                                  \
    X(M_NAV_HOME, "Tổng quan", "Overview")                                                         \
    X(M_NAV_PROVINCE, "Hồ sơ tỉnh", "Province profile")                                            \
    X(M_SEARCH, "Tìm kiếm", "Search")                                                              \
    X(M_SEARCH_HINT, "Tìm theo tên, ghi chú… (gõ không dấu cũng được)",                            \
      "Search names, notes… (diacritics optional)")                                                \
    X(M_SEARCH_RESULTS, "Kết quả tìm kiếm", "Search results")                                      \
    X(M_NO_RESULTS, "Không có kết quả.", "Nothing found.")                                         \
    X(M_LOGOUT, "Đăng xuất", "Log out")                                                            \
    X(M_LOGIN, "Đăng nhập", "Log in")                                                              \
    X(M_USERNAME, "Tên đăng nhập", "User name")                                                    \
    X(M_PASSWORD, "Mật khẩu", "Password")                                                          \
    X(M_OTHER_LANG, "English", "Tiếng Việt")                                                       \
    X(M_NEW, "Thêm mới", "Add new")                                                                \
    X(M_EDIT, "Sửa", "Edit")                                                                       \
    X(M_DELETE, "Xoá", "Delete")                                                                   \
    X(M_SAVE, "Lưu", "Save")                                                                       \
    X(M_CANCEL, "Huỷ", "Cancel")                                                                   \
    X(M_FILTER, "Lọc", "Filter")                                                                   \
    X(M_ALL, "Tất cả", "All")                                                                      \
    X(M_CLEAR, "Bỏ lọc", "Clear")                                                                  \
    X(M_EXPORT_CSV, "Xuất CSV", "Export CSV")                                                      \
    X(M_PREV, "‹ Trang trước", "‹ Previous")                                                       \
    X(M_NEXT, "Trang sau ›", "Next ›")                                                             \
    X(M_SHOWING, "Hiển thị %lld", "Showing %lld")                                                  \
    X(M_OF_TOTAL, "trên tổng số %lld", "of %lld")                                                  \
    X(M_HISTORY, "Lịch sử thay đổi", "History of changes")                                         \
    X(M_WHEN, "Thời gian", "When")                                                                 \
    X(M_WHO, "Người thực hiện", "Who")                                                             \
    X(M_ACTION, "Thao tác", "Action")                                                              \
    X(M_CHANGES, "Nội dung thay đổi", "Changes")                                                   \
    X(M_ACT_CREATE, "Tạo mới", "Created")                                                          \
    X(M_ACT_UPDATE, "Cập nhật", "Updated")                                                         \
    X(M_ACT_DELETE, "Xoá", "Deleted")                                                              \
    X(M_CONFIRM_DELETE,                                                                            \
      "Xoá bản ghi này? Thao tác được ghi vào lịch sử nhưng không thể hoàn tác trên giao diện.",   \
      "Delete this record? The deletion is kept in the history but cannot be undone from here.")   \
    X(M_SAVED, "Đã lưu.", "Saved.")                                                                \
    X(M_DELETED, "Đã xoá.", "Deleted.")                                                            \
    X(M_CREATED_AT, "Ngày tạo", "Created")                                                         \
    X(M_UPDATED_AT, "Cập nhật lần cuối", "Last updated")                                           \
    X(M_SORT_BY, "Sắp xếp", "Sort by")                                                             \
    X(M_NEWEST, "Mới nhất", "Newest")                                                              \
    X(M_OLDEST, "Cũ nhất", "Oldest")                                                               \
    X(M_NONE, "— Không —", "— None —")                                                             \
    X(M_CHOOSE, "— Chọn —", "— Choose —")                                                          \
    X(M_COUNTRY_SUBDIVS, "Mã tỉnh/bang của quốc gia đã chọn, ví dụ LA-AT",                         \
      "A subdivision code of the chosen country, e.g. LA-AT")                                      \
    X(M_RECENT_CHANGES, "Thay đổi gần đây", "Recent changes")                                      \
    X(M_BY_COUNTRY, "Theo quốc gia", "By country")                                                 \
    X(M_BY_KIND, "Theo loại", "By kind")                                                           \
    X(M_PROVINCE_NAME_VI, "Tên tỉnh (tiếng Việt)", "Province name (Vietnamese)")                   \
    X(M_PROVINCE_NAME_EN, "Tên tỉnh (tiếng Anh)", "Province name (English)")                       \
    X(M_PROVINCE_CODE, "Mã ISO 3166-2", "ISO 3166-2 code")                                         \
    X(M_DEPT_VI, "Tên cơ quan (tiếng Việt)", "Department name (Vietnamese)")                       \
    X(M_DEPT_EN, "Tên cơ quan (tiếng Anh)", "Department name (English)")                           \
    X(M_PROFILE_UNSET, "Chưa khai báo hồ sơ tỉnh", "Province profile not set")                     \
    X(M_LOGGED_IN_AS, "Đăng nhập:", "Signed in:")                                                  \
    X(M_SEARCH_IN_LIST, "Tìm trong danh sách", "Search this list")                                 \
    X(M_REQUIRED_MARK, "bắt buộc", "required")                                                     \
    X(M_YES, "Có", "Yes")                                                                          \
    X(M_NO, "Không", "No")

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
