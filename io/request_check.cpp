#include "io/request_check.hpp"

#include <string>
#include <string_view>

namespace acgprov::io {

namespace {

class request_category final : public boost::system::error_category {
public:
  const char* name() const noexcept override { return "acgprov.request"; }
  std::string message(int ev) const override {
    switch (static_cast<request_error>(ev)) {
      case request_error::bad_method:
        return "request not sent: the method is not an HTTP token";
      case request_error::bad_target:
        return "request not sent: the target holds a control character or a space";
      case request_error::bad_header_name:
        return "request not sent: a header name is not an HTTP token";
      case request_error::bad_header_value:
        return "request not sent: a header value holds CR, LF or NUL";
      case request_error::too_long:
        return "request not sent: a header value or the target is too long";
    }
    return "request not sent";
  }
};

// RFC 9110 §5.6.2 tchar.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  }
  return true;
}

}  // namespace

const boost::system::error_category& request_error_category() {
  static const request_category category;
  return category;
}

boost::system::error_code make_error_code(request_error e) { return {static_cast<int>(e), request_error_category()}; }

boost::system::error_code check_request(const http_request& req) {
  if (!is_token(req.method)) return request_error::bad_method;
  if (req.target.empty()) return request_error::bad_target;
  if (req.target.size() > max_request_line_bytes) return request_error::too_long;
  for (unsigned char c : req.target)
    if (c <= 0x20 || c == 0x7f) return request_error::bad_target;
  for (const auto& [name, value] : req.headers) {
    if (!is_token(name) || name.size() > max_request_line_bytes) return request_error::bad_header_name;
    if (value.size() > max_request_line_bytes) return request_error::too_long;
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) return request_error::bad_header_value;
  }
  return {};
}

}  // namespace acgprov::io
