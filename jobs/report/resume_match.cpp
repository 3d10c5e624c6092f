#include "jobs/report/resume_match.hpp"

#include "io/log.hpp"

namespace acgprov::jobs {

namespace {
// Enough to show what changed without a line per row when a whole file moved.
constexpr std::uint64_t named_changes = 20;
}  // namespace

std::optional<finished_rows::entry> resume_matcher::unchanged(const io::input_record& rec, const record_identity& id,
                                                              std::uint64_t number_now, bool compare_numbers) {
  auto done = finished_.find(rec.file, rec.line, id.record);
  if (!done) return std::nullopt;
  const bool same = done->digest != 0 ? done->digest == id.digest : !compare_numbers || done->number == number_now;
  if (same) return done;
  ++changed_;
  if (changed_ <= named_changes) {
    const std::string where = rec.file + ":" + std::to_string(rec.line) +
                              (id.record > 1 ? " (record " + std::to_string(id.record) + ")" : "");
    io::log::warning("resume_input_changed",
                     where + " changed since the report's row (" + std::string(model::to_string(done->outcome)) +
                         "); processing it again",
                     {{"file", rec.file}, {"line", rec.line}, {"record", id.record}});
  } else if (changed_ == named_changes + 1) {
    io::log::warning("resume_input_changed",
                     "more input rows changed since the report was written; they are processed again "
                     "(not named one by one)",
                     {});
  }
  return std::nullopt;
}

}  // namespace acgprov::jobs
