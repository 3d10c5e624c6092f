#pragma once
// CLI11's parse errors in the words acgprov always used for the two common ones ("--rate needs
// a value", "--dry-run takes no value"); any other message as CLI11 gives it. A string, not
// CLI::ParseError, so that callers' headers stay free of CLI11.
#include <string>

namespace acgprov::jobs {

std::string parse_error_words(const std::string& cli11_message);

}  // namespace acgprov::jobs
