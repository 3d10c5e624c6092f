#include "jobs/cli/parse_error_words.hpp"

namespace acgprov::jobs {

std::string parse_error_words(const std::string& what) {
  // CLI11 names the option first, sometimes without its dashes.
  const std::string name = what.substr(0, what.find_first_of(": "));
  const std::string flag = name.rfind("-", 0) == 0 ? name : "--" + name;
  if (what.find(" was given a disallowed flag override") != std::string::npos) return flag + " takes no value";
  if (name.rfind("-", 0) == 0 && what.find(" required ") != std::string::npos &&
      what.find("missing") != std::string::npos)
    return name + " needs a value";
  return what;
}

}  // namespace acgprov::jobs
