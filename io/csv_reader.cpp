#include "io/csv_reader.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace acgprov::io {

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string known_list(const csv_columns& schema) {
  std::string out;
  for (auto c : schema.known) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

}  // namespace

csv_reader::csv_reader(const std::string& path, std::size_t max_bytes, const csv_columns& schema)
    : source_(path), parser_(source_, max_bytes), schema_(schema) {
  source_.skip_bom();
  read_header();
}

void csv_reader::read_header() {
  const std::string file = source_.display_name();
  if (!parser_.next(row_)) {
    std::string required;
    for (auto r : schema_.required) required += (required.empty() ? "" : " and ") + std::string(r);
    throw std::runtime_error(file + ": no header row (the file is empty); a CSV input needs " +
                             "a header naming its columns, at least " + required);
  }
  const std::string where = file + ":" + std::to_string(row_.line) + ": header row: ";
  if (!row_.error.empty()) throw std::runtime_error(where + row_.error);

  std::vector<std::string> unknown;
  for (std::size_t i = 0; i < row_.cells.size(); ++i) {
    const std::string name = trim(row_.cells[i]);
    if (name.empty()) throw std::runtime_error(where + "column " + std::to_string(i + 1) + " has no name");
    const auto known =
        std::find_if(schema_.known.begin(), schema_.known.end(), [&](std::string_view k) { return iequals(k, name); });
    if (known == schema_.known.end()) {
      unknown.push_back("\"" + name + "\"");
      continue;
    }
    if (std::find(columns_.begin(), columns_.end(), *known) != columns_.end())
      throw std::runtime_error(where + "column \"" + std::string(*known) + "\" appears twice");
    columns_.emplace_back(*known);
  }
  if (!unknown.empty()) {
    std::string names;
    for (const auto& u : unknown) names += (names.empty() ? "" : ", ") + u;
    // Refused rather than ignored: a misspelt column would silently drop its data.
    throw std::runtime_error(where + (unknown.size() == 1 ? "unknown column " : "unknown columns ") + names +
                             " (known columns: " + known_list(schema_) + ")");
  }
  for (auto required : schema_.required)
    if (std::find(columns_.begin(), columns_.end(), required) == columns_.end())
      throw std::runtime_error(where + "missing required column \"" + std::string(required) + "\"");
}

std::optional<input_record> csv_reader::next() {
  if (!parser_.next(row_)) return std::nullopt;
  input_record rec;
  rec.file = source_.path();
  rec.line = row_.line;
  if (!row_.error.empty()) {
    rec.error = row_.error;
    rec.partial_text = std::move(row_.partial_text);
  } else if (row_.cells.size() != columns_.size()) {
    rec.error = "expected " + std::to_string(columns_.size()) + " fields as in the header, found " +
                std::to_string(row_.cells.size());
    for (const auto& cell : row_.cells) {
      if (!rec.partial_text.empty()) rec.partial_text.push_back(',');
      rec.partial_text += cell;
    }
  } else {
    rec.fields.reserve(columns_.size());
    for (std::size_t i = 0; i < columns_.size(); ++i) rec.fields.emplace_back(columns_[i], std::move(row_.cells[i]));
  }
  return rec;
}

}  // namespace acgprov::io
