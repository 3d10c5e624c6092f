#pragma once
// A value option given twice on the command line: the last value wins (as curl and kubectl do,
// and as schedulers that append an override rely on), but not silently: one warning on stderr
// names the option, the value kept and the values dropped. Values that may hold a secret are
// never shown: URLs with their userinfo replaced (io::redact_proxy_url), secret file paths not at all.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

// The warning's sentence for `flag` given `values` (in command-line order) by `command`
// ("apply"): "acgprov apply: --rate given twice; using 8 (not 100)". nullopt when nothing was
// dropped (one value, or every value the same).
std::optional<std::string> repeated_option_warning(std::string_view command, std::string_view flag,
                                                   const std::vector<std::string>& values);

// Logs that warning (event repeated_option), if there is one.
void warn_repeated_option(std::string_view command, std::string_view flag, const std::vector<std::string>& values);

// A switch and its opposite both on the command line (`given`: each occurrence of either, in
// order): the last one wins, with one warning (event repeated_option): "acgprov apply:
// --preflight and --no-preflight both given; using --no-preflight (the last)". nullopt when only
// one of the two was given.
std::optional<std::string> opposite_switches_warning(std::string_view command, const std::vector<std::string>& given);
void warn_opposite_switches(std::string_view command, const std::vector<std::string>& given);

}  // namespace acgprov::jobs
