#include "jobs/output_file.hpp"

#include "io/report_format.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <unistd.h>

namespace acgprov::jobs {

std::optional<output_format> output_format_from_path(std::string_view path) {
  const auto dot = path.rfind('.');
  const auto slash = path.find_last_of('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::nullopt;
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "csv") return output_format::csv;
  if (ext == "json") return output_format::json;
  if (ext == "jsonl" || ext == "ndjson") return output_format::jsonl;
  return std::nullopt;
}

output_file::output_file(std::string path, std::span<const std::string_view> csv_columns)
    : path_(std::move(path)), partial_(path_ + ".partial") {
  const auto fmt = output_format_from_path(path_);
  if (!fmt) throw std::runtime_error(path_ + ": the output must end in .csv, .json, .jsonl or .ndjson");
  format_ = *fmt;
  file_ = std::fopen(partial_.c_str(), "we");
  if (!file_) throw std::runtime_error(partial_ + ": cannot open for writing: " + std::strerror(errno));
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
