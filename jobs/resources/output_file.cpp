#include "jobs/resources/output_file.hpp"

#include "io/report_format.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace acgprov::jobs {

std::optional<output_format> output_format_from_path(std::string_view path) {
  const auto dot = path.rfind('.');
  const auto slash = path.find_last_of('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::nullopt;
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "csv") return output_format::csv;
  if (ext == "json") return output_format::json;
  if (ext == "jsonl" || ext == "ndjson") return output_format::jsonl;
  return std::nullopt;
}

std::optional<output_format> parse_output_format(std::string_view name) {
  if (name == "csv") return output_format::csv;
  if (name == "json") return output_format::json;
  if (name == "jsonl" || name == "ndjson") return output_format::jsonl;
  return std::nullopt;
}

output_file::output_file(std::string path, std::span<const std::string_view> csv_columns,
                         std::optional<output_format> format)
    : path_(std::move(path)), partial_(path_ == "-" ? std::string("stdout") : path_ + ".partial") {
  const auto fmt = format ? format : output_format_from_path(path_);
  if (!fmt)
    throw std::runtime_error(path_ + ": the output must end in .csv, .json, .jsonl or .ndjson (or give --format)");
  format_ = *fmt;
  if (path_ == "-") {
    file_ = stdout;
  } else {
    // Our own temporary file: 0600 whatever the umask, and whatever an earlier crash left.
    const int fd = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || ::fchmod(fd, 0600) != 0 || !(file_ = ::fdopen(fd, "w"))) {
      const int err = errno;
      if (fd >= 0) ::close(fd);
      throw std::runtime_error(partial_ + ": cannot open for writing: " + std::strerror(err));
    }
  }
  columns_ = csv_columns.size();
  if (format_ == output_format::csv) {
    std::string header;
    for (auto c : csv_columns) {
      if (!header.empty()) header += ',';
      header += c;
    }
    put(header + "\n");
  } else if (format_ == output_format::json) {
    put("[");
  }
}

output_file::~output_file() {
  if (to_stdout()) {
    std::fflush(stdout);
    return;
  }
  if (file_) std::fclose(file_);
  if (!committed_) std::remove(partial_.c_str());
}

void output_file::put(const std::string& bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    throw std::runtime_error(partial_ + ": write failed: " + std::strerror(errno));
}

void output_file::write_json(const boost::json::object& json) {
  std::string text = boost::json::serialize(json);
  if (format_ == output_format::json) put((records_ == 0 ? "\n" : ",\n") + text);
  else put(text + "\n");
  ++records_;
}

void output_file::write_csv(const std::vector<std::string>& cells) {
  if (cells.size() != columns_) throw std::logic_error("output_file: a CSV record with the wrong number of cells");
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    line += io::csv_cell(cells[i]);
  }
  line += '\n';
  put(line);
  ++records_;
}

void output_file::commit() {
  if (format_ == output_format::json) put(records_ == 0 ? "]\n" : "\n]\n");
  if (to_stdout()) {
    if (std::fflush(stdout) != 0)
      throw std::runtime_error(std::string("stdout: write failed: ") + std::strerror(errno));
    committed_ = true;
    return;
  }
  if (std::fflush(file_) != 0 || ::fsync(fileno(file_)) != 0)
    throw std::runtime_error(partial_ + ": cannot write to disk: " + std::strerror(errno));
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) throw std::runtime_error(partial_ + ": cannot close: " + std::strerror(errno));
  if (std::rename(partial_.c_str(), path_.c_str()) != 0)
    throw std::runtime_error(path_ + ": cannot rename " + partial_ + " to it: " + std::strerror(errno));
  committed_ = true;
}

}  // namespace acgprov::jobs
