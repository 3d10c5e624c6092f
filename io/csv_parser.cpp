#include "io/csv_parser.hpp"

namespace acgprov::io {

namespace {
bool is_space(char c) { return c == ' ' || c == '\t'; }
bool only_spaces(const std::string& s) {
  for (char c : s)
    if (!is_space(c)) return false;
  return true;
}
}  // namespace

csv_parser::csv_parser(byte_source& source, std::size_t max_bytes) : source_(source), max_bytes_(max_bytes) {}

bool csv_parser::skip_line(std::string* keep) {
  for (int c = source_.get(); c != byte_source::eof; c = source_.get()) {
    if (c == '\n') return true;
    if (keep && keep->size() < max_bytes_) keep->push_back(static_cast<char>(c));
  }
  return false;
}

void csv_parser::keep_partial(csv_row& row, std::size_t count, bool overflow) const {
  row.partial_text.clear();
  if (overflow) return;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) row.partial_text.push_back(',');
    row.partial_text += row.cells[i];
  }
}

bool csv_parser::is_blank(const csv_row& row) const {
  for (const auto& cell : row.cells)
    if (!only_spaces(cell)) return false;
  return true;
}

bool csv_parser::next(csv_row& row) {
  enum class state { field_start, unquoted, quoted, after_quote };
  for (;;) {
    if (source_.peek() == byte_source::eof) return false;

    row.line = source_.line();
    row.error.clear();
    row.partial_text.clear();
    row.terminated = false;
    // Reuse the row's cells (and their capacity) where the caller left them: the report
    // reader parses a million rows into one csv_row.
    std::size_t count = 1;
    if (row.cells.empty()) row.cells.emplace_back();
    row.cells[0].clear();
    auto new_cell = [&] {
      if (count == row.cells.size()) row.cells.emplace_back();
      row.cells[count++].clear();
    };

    const std::uint64_t start = source_.offset();
    bool quoted_seen = false;
    bool overflow = false;
    std::uint64_t quote_line = 0;
    state st = state::field_start;
    bool done = false;
    while (!done) {
      const int c = source_.get();
      if (!overflow && source_.offset() - start > max_bytes_) {
        // Stop keeping the record but run the state machine to its real end, so that the
        // next record starts where it should even when the long one holds quoted newlines.
        overflow = true;
        count = 1;
        row.cells[0].clear();
      }
      switch (st) {
        case state::field_start:
        case state::unquoted:
          if (c == byte_source::eof) {
            done = true;
          } else if (c == '\n') {
            row.terminated = done = true;
          } else if (c == '\r' && source_.peek() == '\n') {
            source_.get();
            row.terminated = done = true;
          } else if (c == ',') {
            if (!overflow) new_cell();
            st = state::field_start;
          } else if (c == '"') {
            // Spaces before an opening quote are tolerated (and dropped); a quote inside an
            // unquoted field is not RFC 4180 and would make the cell ambiguous.
            if (st == state::field_start || only_spaces(row.cells[count - 1])) {
              row.cells[count - 1].clear();
              quoted_seen = true;
              quote_line = source_.line();
              st = state::quoted;
            } else {
              row.error = "stray quote inside unquoted field " + std::to_string(count) +
                          " (a field containing quotes must be quoted, quotes doubled)";
              keep_partial(row, count, overflow);
              row.partial_text.push_back('"');
              row.terminated = skip_line(overflow ? nullptr : &row.partial_text);
              done = true;
            }
          } else {
            if (!overflow) row.cells[count - 1].push_back(static_cast<char>(c));
            st = state::unquoted;
          }
          break;
        case state::quoted:
          if (c == byte_source::eof) {
            row.error =
                "unterminated quoted field: the quote opened on line " + std::to_string(quote_line) + " never closes";
            keep_partial(row, count, overflow);
            done = true;
          } else if (c == '"') {
            if (source_.peek() == '"') {
              source_.get();
              if (!overflow) row.cells[count - 1].push_back('"');
            } else {
              st = state::after_quote;
            }
          } else if (!overflow) {
            row.cells[count - 1].push_back(static_cast<char>(c));
          }
          break;
        case state::after_quote:
          if (c == byte_source::eof) {
            done = true;
          } else if (c == ',') {
            if (!overflow) new_cell();
            st = state::field_start;
          } else if (c == '\n') {
            row.terminated = done = true;
          } else if (c == '\r' && source_.peek() == '\n') {
            source_.get();
            row.terminated = done = true;
          } else if (is_space(static_cast<char>(c))) {
            // `"a" ,` : trailing blanks after a closing quote carry no data.
          } else {
            row.error = "unexpected character after the closing quote of field " + std::to_string(count);
            keep_partial(row, count, overflow);
            row.partial_text.push_back(static_cast<char>(c));
            row.terminated = skip_line(overflow ? nullptr : &row.partial_text);
            done = true;
          }
          break;
      }
    }
    row.end_offset = source_.offset();
    if (overflow || row.partial_text.size() >= max_bytes_) row.partial_text.clear();  // not all of it kept
    if (row.error.empty() && overflow) row.error = "record longer than " + describe_size(max_bytes_);
    if (!row.error.empty()) {
      row.cells.clear();
      return true;
    }
    row.cells.resize(count);
    if (!quoted_seen && is_blank(row)) continue;
    return true;
  }
}

}  // namespace acgprov::io
