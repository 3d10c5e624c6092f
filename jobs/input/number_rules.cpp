#include "jobs/input/number_rules.hpp"

#include <cctype>
#include <cstdio>

namespace acgprov::jobs {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t n;
  char32_t cp;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF) ||
      cp > 0x10FFFF)
    return 0;
  return n;
}

}  // namespace

std::optional<std::string_view> canonical_service(std::string_view word) {
  for (auto key : service_keys)
    if (iequals(key, word)) return key;
  return std::nullopt;
}

bool has_teams_configuration(std::string_view key) {
  return key == "teamsOperatorConnect" || key == "teamsPhoneMobile";
}

std::string service_list() {
  std::string out;
  for (auto key : service_keys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

bool is_e164(std::string_view s) {
  if (s.size() < 3 || s.size() > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9') return false;
  for (std::size_t i = 2; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool is_name_token(std::string_view s) {
  if (s.empty() || s.size() > 100) return false;
  for (char c : s)
    // ASCII ranges, not isalnum(): the API's pattern is ASCII whatever the locale.
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::optional<field_error> check_telephone_number(std::string_view value, std::string_view field) {
  if (value.empty()) return field_error{std::string(field), std::string(field) + " is required"};
  if (is_e164(value)) return std::nullopt;
  return field_error{std::string(field),
                     std::string(field) + " " + quoted(value) + " is not E.164 (+ then 2-15 digits)"};
}

std::optional<field_error> check_name_token(std::string_view value, std::string_view field) {
  if (value.empty()) return field_error{std::string(field), std::string(field) + " is required"};
  if (is_name_token(value)) return std::nullopt;
  return field_error{std::string(field), std::string(field) + " " + quoted(value) +
                                             " is not valid (1-100 characters: letters, digits, '_' and '-')"};
}

std::string quoted(std::string_view value) {
  std::string out = "\"";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < value.size();) {
    if (shown == 64) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(value[i]);
    const auto n = utf8_length(value, i);
    if (n > 1) {
      out.append(value.substr(i, n));
      i += n;
    } else {
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(c));
      } else if (n == 1 && c >= 0x20 && c != 0x7f) {
        out.push_back(static_cast<char>(c));
      } else {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02X", c);
        out += hex;
      }
      ++i;
    }
    ++shown;
  }
  out.push_back('"');
  return out;
}

std::string printable(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size();) {
    if (out.size() >= 256) {
      out += "\xE2\x80\xA6";  // U+2026: cut here
      break;
    }
    const auto n = utf8_length(value, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(value.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace acgprov::jobs
