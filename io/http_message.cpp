#include "io/http_message.hpp"

#include <boost/algorithm/string/predicate.hpp>

namespace acgprov::io {

std::string_view http_response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (boost::algorithm::iequals(k, name)) return v;
  return {};
}

}  // namespace acgprov::io
