#pragma once
// --resume's decision for one input record: is it finished and unchanged (skip it), or new,
// unfinished or edited since its report row (process it, with a warning when edited)?
#include "io/record_reader.hpp"
#include "jobs/input/record_identity.hpp"
#include "jobs/report/resume.hpp"

#include <cstdint>
#include <optional>

namespace acgprov::jobs {

class resume_matcher {
public:
  // `finished` must outlive this object.
  explicit resume_matcher(const finished_rows& finished) : finished_(finished) {}

  // The finished row of `rec` if the record is unchanged since it was written, else nullopt.
  // A row with a recordDigest compares digests; a row of an older report (none) compares
  // `number_now` with the row's number when `compare_numbers` (number rows: 0 for a record
  // with no valid number), and is taken as unchanged otherwise (accounts, RFIs). An edited
  // record is logged (the first few one by one) and counted.
  std::optional<finished_rows::entry> unchanged(const io::input_record& rec, const record_identity& id,
                                                std::uint64_t number_now, bool compare_numbers);

  std::uint64_t changed() const { return changed_; }

private:
  const finished_rows& finished_;
  std::uint64_t changed_ = 0;
};

}  // namespace acgprov::jobs
