// The API's JSON answers: Azure error bodies (engine::parse_error_body), a resource's sync
// state (parse_provisioning_state), the numbers of a batch answer or list page
// (parse_number_states), and what a refused batch becomes (plan_split over the parsed
// errors). Input: a byte for the status and the batch size, then the body. Invariants: an
// error body always yields at least one error; a split accounts for every row of the batch
// exactly once and only ever makes smaller batches (so no row is lost and splitting ends).
#include "engine/request/api_body.hpp"
#include "engine/write/batch_split.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace acgprov;
  if (size < 1) return 0;
  static constexpr int statuses[] = {400, 409, 422, 404, 500, 503, 200, 201};
  const int status = statuses[data[0] & 7];
  const std::size_t batch = (data[0] >> 3) + 1;  // 1..32 rows
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

  auto errors = engine::parse_error_body(status, body);
  ACGPROV_FUZZ_CHECK(!errors.empty());
  (void)engine::parse_provisioning_state(body);
  auto numbers_states = engine::parse_number_states(body, "numbers");
  auto value_states = engine::parse_number_states(body, "value");
  (void)numbers_states;
  (void)value_states;

  std::vector<std::string> numbers;
  for (std::size_t i = 0; i < batch; ++i) numbers.push_back("+1425555" + std::to_string(1000 + i));
  auto plan = engine::plan_split(numbers, errors);
  std::vector<int> seen(batch, 0);
  for (const auto& r : plan.refused) {
    ACGPROV_FUZZ_CHECK(r.index < batch);
    ++seen[r.index];
  }
  for (const auto& group : plan.next) {
    ACGPROV_FUZZ_CHECK(!group.empty() && group.size() < batch);
    for (auto i : group) {
      ACGPROV_FUZZ_CHECK(i < batch);
      ++seen[i];
    }
  }
  for (auto n : seen) ACGPROV_FUZZ_CHECK(n == 1);
  return 0;
}
