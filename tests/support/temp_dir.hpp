#pragma once
// A scratch directory per test, removed at the end: the readers and writers work on real
// files (and file descriptors), so the tests do too.
#include "io/record_reader.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace acgprov::io_test {

class temp_dir {
public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "acgprov-io-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  std::string path(const std::string& name) const { return (path_ / name).string(); }

  // Writes `content` byte for byte to `name` and returns its full path.
  std::string write(const std::string& name, const std::string& content) const {
    const auto p = path(name);
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + p);
    return p;
  }

  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

private:
  std::filesystem::path path_;
};

inline std::vector<io::input_record> read_all(io::record_reader& reader) {
  std::vector<io::input_record> out;
  while (auto r = reader.next()) out.push_back(std::move(*r));
  return out;
}

inline std::string field(const io::input_record& r, const std::string& name) {
  for (const auto& [k, v] : r.fields)
    if (k == name) return v;
  return "<absent>";
}

}  // namespace acgprov::io_test
