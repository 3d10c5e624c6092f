#include "io/json_reader.hpp"

#include "io/json_text.hpp"

#include <stdexcept>

namespace acgprov::io {

namespace {

// Deeper nesting than this is no number resource; the bound keeps the bracket stack small
// however hostile the input.
constexpr std::size_t max_depth = 64;

std::string show(int c) {
  if (c == byte_source::eof) return "the end of the file";
  if (c >= 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
  return "byte " + std::to_string(c);
}

bool is_ws(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

json_reader::json_reader(const std::string& path, std::size_t max_bytes) : source_(path), max_bytes_(max_bytes) {
  source_.skip_bom();
  open_array();
}

int json_reader::skip_ws() {
  while (is_ws(source_.peek())) source_.get();
  return source_.peek();
}

void json_reader::open_array() {
  const std::string file = source_.display_name();
  auto fail = [&](const std::string& why) {
    throw std::runtime_error(file + ":" + std::to_string(source_.line()) + ": " + why);
  };
  const int c = skip_ws();
  if (c == '[') {
    source_.get();
    return;
  }
  if (c != '{') {
    fail("expected a JSON array of numbers or an object with a \"value\" array, found " + show(c));
  }
  // {"value": [...], ...}: other members (nextLink, ...) are skipped, before and after.
  source_.get();
  wrapped_ = true;
  for (bool first = true;; first = false) {
    int k = skip_ws();
    if (k == '}') fail("the top-level object has no \"value\" array");
    if (!first) {
      if (k != ',') fail("expected ',' or '}' in the top-level object, found " + show(k));
      source_.get();
      k = skip_ws();
    }
    if (k != '"') fail("expected a member name in the top-level object, found " + show(k));
    source_.get();
    text_.clear();
    if (!scan_string(true)) fail(broken_);
    const bool is_value = text_ == "value\"";
    if (skip_ws() != ':') fail("expected ':' after a member name, found " + show(source_.peek()));
    source_.get();
    const int v = skip_ws();
    if (is_value) {
      if (v != '[') fail("\"value\" is not an array (found " + show(v) + ")");
      source_.get();
      return;
    }
    if (scan_value(false) == scan::broken) fail(broken_);
  }
}

bool json_reader::scan_string(bool keep) {
  // The opening quote has been read. Keeps the text and the closing quote.
  for (;;) {
    const int c = source_.get();
    if (c == byte_source::eof) {
      broken_ = "a string is not closed before the end of the file";
      return false;
    }
    if (keep && text_.size() < max_bytes_) text_.push_back(static_cast<char>(c));
    if (c == '"') return true;
    if (c == '\\') {
      const int e = source_.get();
      if (e == byte_source::eof) {
        broken_ = "a string is not closed before the end of the file";
        return false;
      }
      if (keep && text_.size() < max_bytes_) text_.push_back(static_cast<char>(e));
    }
  }
}

json_reader::scan json_reader::scan_value(bool keep) {
  text_.clear();
  const std::uint64_t start_offset = source_.offset();
  auto put = [&](int c) {
    if (keep && text_.size() < max_bytes_) text_.push_back(static_cast<char>(c));
  };
  std::string stack;  // open brackets
  const int first = source_.peek();
  if (first != '{' && first != '[') {
    if (first == '"') {
      put(source_.get());
      if (!scan_string(keep)) return scan::broken;
    } else {
      // A number or literal: runs up to a delimiter; the parser judges it.
      while (true) {
        const int c = source_.peek();
        if (c == byte_source::eof || c == ',' || c == ']' || c == '}' || is_ws(c)) break;
        put(source_.get());
      }
      if (source_.offset() == start_offset) {
        broken_ = "expected a value, found " + show(first);
        return scan::broken;
      }
    }
  } else {
    do {
      const int c = source_.get();
      if (c == byte_source::eof) {
        broken_ = "the value is not closed before the end of the file";
        return scan::broken;
      }
      put(c);
      if (c == '"') {
        if (!scan_string(keep)) return scan::broken;
      } else if (c == '{' || c == '[') {
        if (stack.size() == max_depth) {
          broken_ = "nested deeper than " + std::to_string(max_depth) + " levels";
          return scan::broken;
        }
        stack.push_back(static_cast<char>(c));
      } else if (c == '}' || c == ']') {
        if (stack.back() != (c == '}' ? '{' : '[')) {
          broken_ = "mismatched " + show(c) + " on line " + std::to_string(source_.line());
          return scan::broken;
        }
        stack.pop_back();
      }
    } while (!stack.empty());
  }
  return source_.offset() - start_offset > max_bytes_ ? scan::too_long : scan::ok;
}

input_record json_reader::broken_record(std::uint64_t line, std::string message) {
  done_ = true;
  input_record rec;
  rec.file = source_.path();
  rec.line = line;
  rec.error = std::move(message) + "; the rest of the file is not read";
  return rec;
}

std::optional<input_record> json_reader::finish() {
  // The array is closed. What may follow: the wrapper's other members, then only blanks.
  done_ = true;
  if (wrapped_) {
    for (;;) {
      int c = skip_ws();
      const std::uint64_t line = source_.line();
      if (c == '}') {
        source_.get();
        break;
      }
      if (c != ',') return broken_record(line, "expected ',' or '}' after the \"value\" array, found " + show(c));
      source_.get();
      if ((c = skip_ws()) != '"') return broken_record(source_.line(), "expected a member name, found " + show(c));
      source_.get();
      if (!scan_string(false)) return broken_record(source_.line(), broken_);
      if ((c = skip_ws()) != ':')
        return broken_record(source_.line(), "expected ':' after a member name, found " + show(c));
      source_.get();
      skip_ws();
      if (scan_value(false) == scan::broken) return broken_record(source_.line(), broken_);
    }
  }
  const int c = skip_ws();
  if (c != byte_source::eof)
    return broken_record(source_.line(), "unexpected " + show(c) + " after the end of the " +
                                             std::string(wrapped_ ? "top-level object" : "array"));
  return std::nullopt;
}

std::optional<input_record> json_reader::next() {
  if (done_) return std::nullopt;
  int c = skip_ws();
  if (first_) {
    first_ = false;
    if (c == ']') {
      source_.get();
      return finish();
    }
  } else {
    const std::uint64_t line = source_.line();
    if (c == byte_source::eof) return broken_record(line, "the array is not closed before the end of the file");
    if (c == ']') {
      source_.get();
      return finish();
    }
    if (c != ',') return broken_record(line, "expected ',' or ']' after an array element, found " + show(c));
    source_.get();
    c = skip_ws();
    if (c == ']') return broken_record(source_.line(), "trailing comma before ']' (strict JSON has none)");
  }
  if (c == byte_source::eof) return broken_record(source_.line(), "the array is not closed before the end of the file");

  const std::uint64_t line = source_.line();
  const scan s = scan_value(true);
  if (s == scan::broken) return broken_record(line, "array element: " + broken_);
  input_record rec;
  rec.file = source_.path();
  rec.line = line;
  if (s == scan::too_long) {
    rec.error = "array element longer than " + describe_size(max_bytes_);
  } else if (auto obj = parse_json_object(text_, line, "array element", rec.error)) {
    rec.object = std::move(*obj);
  } else {
    rec.partial_text = text_;
  }
  return rec;
}

}  // namespace acgprov::io
