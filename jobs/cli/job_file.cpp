#include "jobs/cli/job_file.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace acgprov::jobs {

namespace {

// A cursor over the file's text that knows its line, for messages.
class scanner {
public:
  scanner(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  char get() {
    char c = text_[pos_++];
    if (c == '\n') ++line_;
    return c;
  }
  std::size_t line() const { return line_; }

  [[noreturn]] void fail(const std::string& why) const {
    throw usage_error(path_ + ":" + std::to_string(line_) + ": " + why);
  }

  void skip_blanks() {
    while (!done() && (peek() == ' ' || peek() == '\t')) ++pos_;
  }
  void skip_comment() {
    if (peek() == '#')
      while (!done() && peek() != '\n') ++pos_;
  }
  // Blanks, comments and line ends (inside arrays).
  void skip_space() {
    for (;;) {
      skip_blanks();
      skip_comment();
      if (peek() == '\r' || peek() == '\n') get();
      else return;
    }
  }
  // The rest of the line must be blank or a comment.
  void end_of_line() {
    skip_blanks();
    skip_comment();
    if (peek() == '\r') get();
    if (done()) return;
    if (peek() != '\n') fail("unexpected text after the value: put one key = value on each line");
    get();
  }

  std::string key() {
    std::string k;
    if (peek() == '"' || peek() == '\'') fail("quoted keys are not supported: use a bare key like client-id");
    while (!done()) {
      char c = peek();
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        k.push_back(c == '_' ? '-' : c);
        ++pos_;
      } else {
        break;
      }
    }
    if (k.empty()) fail("expected a key (a word like report or max-in-flight)");
    if (peek() == '.') fail("dotted keys are not supported: every key is a flag name at the top level");
    return k;
  }

  // One scalar value; `kind` says what it was.
  std::string scalar(job_entry::kind_t& kind, bool& truth) {
    kind = job_entry::text;
    char c = peek();
    if (c == '"') return basic_string();
    if (c == '\'') return literal_string();
    if (c == '{') fail("inline tables are not supported");
    std::string word;
    while (!done()) {
      char d = peek();
      if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '#' || d == ',' || d == ']') break;
      word.push_back(d);
      ++pos_;
    }
    if (word == "true" || word == "false") {
      kind = job_entry::boolean;
      truth = word == "true";
      return word;
    }
    // A TOML number: sign, digits with '_' separators, fraction, exponent; the flag's own
    // parser checks its range.
    std::string number;
    for (char d : word) {
      if (d == '_') continue;
      number.push_back(d);
    }
    bool ok = !number.empty();
    for (char d : number)
      if (!((d >= '0' && d <= '9') || d == '.' || d == '+' || d == '-' || d == 'e' || d == 'E')) ok = false;
    if (!ok || word.find(':') != std::string::npos)
      fail(word.empty() ? "expected a value"
                        : "'" + word + "' is not a value: quote text (\"...\"), or give a number or true/false");
    return number;
  }

private:
  std::string basic_string() {
    get();  // opening quote
    if (text_.substr(pos_, 2) == "\"\"") fail("multi-line strings are not supported");
    std::string s;
    for (;;) {
      if (done() || peek() == '\n') fail("a string that never closes (missing \")");
      char c = get();
      if (c == '"') return s;
      if (c != '\\') {
        s.push_back(c);
        continue;
      }
      if (done()) fail("a string that never closes (missing \")");
      char e = get();
      switch (e) {
        case '"':
          s.push_back('"');
          break;
        case '\\':
          s.push_back('\\');
          break;
        case 'n':
          s.push_back('\n');
          break;
        case 't':
          s.push_back('\t');
          break;
        case 'r':
          s.push_back('\r');
          break;
        case 'b':
          s.push_back('\b');
          break;
        case 'f':
          s.push_back('\f');
          break;
        case 'u':
          unicode(s, 4);
          break;
        case 'U':
          unicode(s, 8);
          break;
        default:
          fail(std::string("unknown escape \\") + e + " in a string");
      }
    }
  }

  void unicode(std::string& s, int digits) {
    unsigned long cp = 0;
    for (int i = 0; i < digits; ++i) {
      if (done()) fail("a \\u escape needs hexadecimal digits");
      char h = get();
      int v = (h >= '0' && h <= '9')   ? h - '0'
              : (h >= 'a' && h <= 'f') ? h - 'a' + 10
              : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                       : -1;
      if (v < 0) fail("a \\u escape needs hexadecimal digits");
      cp = cp * 16 + static_cast<unsigned long>(v);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("a \\u escape that is not a Unicode scalar value");
    // UTF-8
    if (cp < 0x80) s.push_back(static_cast<char>(cp));
    else if (cp < 0x800) {
      s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  std::string literal_string() {
    get();
    if (text_.substr(pos_, 2) == "''") fail("multi-line strings are not supported");
    std::string s;
    for (;;) {
      if (done() || peek() == '\n') fail("a string that never closes (missing ')");
      char c = get();
      if (c == '\'') return s;
      s.push_back(c);
    }
  }

  std::string_view text_;
  const std::string& path_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

bool is_secret_key(const std::string& key) {
  static constexpr std::array<std::string_view, 7> secrets{"client-secret", "secret",           "password", "token",
                                                           "access-token",  "client-assertion", "api-key"};
  return std::find(secrets.begin(), secrets.end(), key) != secrets.end();
}

}  // namespace

job_file parse_job_file(std::string_view text, const std::string& path) {
  job_file job{path, {}};
  scanner in(text, path);
  // A UTF-8 byte order mark, as some editors write.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    in.get();
    in.get();
    in.get();
  }
  // Bounded by the text: every pass consumes a line or a key = value.
  while (!in.done()) {
    in.skip_blanks();
    in.skip_comment();
    if (in.peek() == '\r' || in.peek() == '\n') {
      in.get();
      continue;
    }
    if (in.done()) break;
    if (in.peek() == '[') in.fail("tables ([section]) are not supported: put every key at the top level");
    job_entry e;
    e.line = in.line();
    e.key = in.key();
    in.skip_blanks();
    if (in.peek() != '=') in.fail("expected '=' after " + e.key);
    in.get();
    in.skip_blanks();
    if (is_secret_key(e.key))
      in.fail(e.key +
              ": a secret may not be in a job file (schedulers read it, people copy it); "
              "set ACGPROV_CLIENT_SECRET or use client-secret-file");
    if (e.key == "job") in.fail("a job file cannot name another job file");
    for (const auto& other : job.entries)
      if (other.key == e.key) in.fail(e.key + " is set twice (first on line " + std::to_string(other.line) + ")");

    if (in.peek() == '[') {
      in.get();
      e.kind = job_entry::array;
      // Bounded by the text: every pass consumes a value or the closing bracket.
      for (;;) {
        in.skip_space();
        if (in.done()) in.fail("an array that never closes (missing ])");
        if (in.peek() == ']') {
          in.get();
          break;
        }
        job_entry::kind_t kind;
        bool truth = false;
        auto v = in.scalar(kind, truth);
        if (kind == job_entry::boolean) in.fail(e.key + ": true/false cannot be in an array");
        e.values.push_back(std::move(v));
        in.skip_space();
        if (in.done()) in.fail("an array that never closes (missing ])");
        if (in.peek() == ',') in.get();
        else if (in.peek() != ']') in.fail("expected ',' or ']' in the array of " + e.key);
      }
    } else {
      e.values.push_back(in.scalar(e.kind, e.truth));
    }
    in.end_of_line();
    job.entries.push_back(std::move(e));
  }
  return job;
}

job_file read_job_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw usage_error("--job " + path + ": cannot read the file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw usage_error("--job " + path + ": cannot read the file");
  return parse_job_file(ss.str(), path);
}

bool overridden_by_env(const std::string& key, env_lookup getenv_fn) {
  const char* env = key == "endpoint"             ? "ACGPROV_ENDPOINT"
                    : key == "tenant"             ? "ACGPROV_TENANT"
                    : key == "client-id"          ? "ACGPROV_CLIENT_ID"
                    : key == "client-secret-file" ? "ACGPROV_CLIENT_SECRET"
                                                  : nullptr;
  if (!env) return false;
  const char* v = getenv_fn ? getenv_fn(env) : std::getenv(env);
  return v && *v;
}

job_args to_args(const job_file& job, env_lookup getenv_fn) {
  job_args out;
  for (const auto& e : job.entries) {
    if (overridden_by_env(e.key, getenv_fn)) {
      out.keys_overridden_by_env.push_back(e.key);
      continue;
    }
    if (e.key == "inputs" || e.key == "input") {
      if (e.kind == job_entry::boolean)
        throw usage_error(job.path + ":" + std::to_string(e.line) + ": " + e.key + " wants file names");
      out.inputs.insert(out.inputs.end(), e.values.begin(), e.values.end());
      continue;
    }
    if (e.kind == job_entry::boolean) {
      if (e.truth) out.flags.push_back("--" + e.key);
      continue;
    }
    for (const auto& v : e.values) {
      out.flags.push_back("--" + e.key);
      out.flags.push_back(v);
    }
  }
  return out;
}

}  // namespace acgprov::jobs
