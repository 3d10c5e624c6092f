// Job files (jobs/cli/job_file.hpp, the TOML subset of --job FILE) and how their keys meet the
// option table (jobs/cli/command_parse.hpp). Input: the file's text. Invariants: a refusal names the
// file and a line of it ("job.toml:N: ..."); an accepted file holds keys of the allowed
// characters, each with the line it is on; mapping its keys onto `acgprov apply` either works or
// is refused naming the file and line.
#include "jobs/cli/command_parse.hpp"
#include "jobs/cli/job_file.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <algorithm>

namespace {

const char* no_env(const char*) { return nullptr; }

// "job.toml:N: " with 1 <= N <= the lines of the text.
bool names_a_line(const std::string& message, std::size_t lines) {
  const std::string prefix = "job.toml:";
  if (message.rfind(prefix, 0) != 0) return false;
  std::size_t at = prefix.size(), line = 0;
  while (at < message.size() && message[at] >= '0' && message[at] <= '9' && line <= lines)
    line = line * 10 + static_cast<std::size_t>(message[at++] - '0');
  return at > prefix.size() && line >= 1 && line <= lines && message.compare(at, 2, ": ") == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace acgprov;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  jobs::job_file job;
  try {
    job = jobs::parse_job_file(text, "job.toml");
  } catch (const jobs::usage_error& e) {
    ACGPROV_FUZZ_CHECK(names_a_line(e.what(), lines));
    return 0;
  }
  for (const auto& e : job.entries) {
    ACGPROV_FUZZ_CHECK(!e.key.empty() && e.line >= 1 && e.line <= lines);
    for (char c : e.key)
      ACGPROV_FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
    ACGPROV_FUZZ_CHECK(e.kind == jobs::job_entry::array || e.values.size() == 1);
  }
  try {
    jobs::parse_command(*jobs::find_command("apply"), {}, &job, &no_env);
  } catch (const jobs::usage_error& e) {
    ACGPROV_FUZZ_CHECK(names_a_line(e.what(), lines));
  }
  return 0;
}
