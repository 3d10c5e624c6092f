#pragma once
// A validated input row: what the engine writes for one telephone number. Built by jobs/
// from an input record; nothing in it needs checking again.
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace acgprov::engine {

enum class number_action { upsert, remove };

struct number_task {
  std::string file;        // the input as named on the command line
  std::uint64_t line = 0;  // physical line where the record starts
  number_action action = number_action::upsert;
  std::string account;  // accountName
  std::string number;   // E.164, with the leading '+'
  // The NumberResource to PUT (telephoneNumber, accountName, serviceDetails, configuration);
  // empty for remove.
  boost::json::object resource;
  // Set by the plan: the API already holds exactly this resource and its sync is pending, so
  // the row is watched until it ends, and not written again.
  bool watch_only = false;
  // Which record of its line this is, and its content digest (jobs/input/record_identity.hpp), for
  // the report row's record and recordDigest columns; 0 = unknown. Carried with the task, so
  // that nothing has to remember it for the rows in the engine's hands.
  std::uint64_t record = 0;
  std::uint64_t record_digest = 0;
};

}  // namespace acgprov::engine
