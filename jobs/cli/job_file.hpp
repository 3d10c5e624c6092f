#pragma once
// Job files (--job FILE): the options of a scheduled run kept in a file, in a TOML subset.
//
//   # nightly.toml
//   inputs = ["/srv/acgprov/numbers.csv", "/srv/acgprov/more.ndjson"]
//   report = "/var/lib/acgprov/nightly.jsonl"
//   endpoint = "https://provapi.example.net"
//   rate = 1.6            # numbers and strings alike become the flag's value
//   resume = true         # true: the flag alone (--resume); false: left out
//
// Each `key = value` stands for `--key value` of the command that reads it (jobs/cli/command_parse.hpp
// checks the key against the command's options and lets the command line win); `true` is the
// switch, `false` its opposite (`resume = false` is --no-resume); `inputs` (or `input`) are the
// positional arguments. Keys are bare words (letters, digits, '-', '_'; '_' reads as '-'). Values: basic
// "strings" (with \" \\ \n \t \uXXXX escapes), 'literal strings', numbers, true/false, and
// [arrays] of those (over several lines if wanted; for inputs). Comments with
// '#'. Not supported, and refused with the line number: tables, dotted keys, multi-line
// strings, dates, inline tables. A secret is refused (client-secret, password, token...): a
// job file is read by schedulers and copied around; use ACGPROV_CLIENT_SECRET or
// client-secret-file.
#include "jobs/cli/connection_options.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace acgprov::jobs {

struct job_entry {
  std::string key;                  // normalised: '_' -> '-'
  std::vector<std::string> values;  // one for a scalar, any number for an array
  enum kind_t { text, boolean, array } kind = text;
  bool truth = false;  // kind == boolean
  std::size_t line = 0;
};

struct job_file {
  std::string path;
  std::vector<job_entry> entries;
};

// Parses the text of a job file; `path` names it in messages. Throws usage_error
// "PATH:LINE: why".
job_file parse_job_file(std::string_view text, const std::string& path);
// Reads and parses. Throws usage_error naming the file if it cannot be read.
job_file read_job_file(const std::string& path);

struct job_args {
  std::vector<std::string> flags;                   // --key value ... (and --key for true)
  std::vector<std::string> inputs;                  // from `inputs`
  std::vector<std::string> keys_overridden_by_env;  // left out: the environment wins
};

// The command-line arguments a job file stands for. Keys whose ACGPROV_* variable is set are
// left out (precedence: flags > environment > job file): endpoint (ACGPROV_ENDPOINT), tenant
// (ACGPROV_TENANT), client-id (ACGPROV_CLIENT_ID), client-secret-file (ACGPROV_CLIENT_SECRET).
job_args to_args(const job_file& job, env_lookup getenv = nullptr);
// Whether the environment overrides the job file's `key` (see to_args).
bool overridden_by_env(const std::string& key, env_lookup getenv = nullptr);

}  // namespace acgprov::jobs
