#pragma once
// What a parse refused with: the usage_error's message, or "" when `parse` refused nothing.
#include "jobs/cli/connection_options.hpp"

#include <string>

namespace acgprov::test {

template <class Parse>
std::string usage_message(Parse&& parse) {
  try {
    parse();
  } catch (const jobs::usage_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace acgprov::test
