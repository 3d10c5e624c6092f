#pragma once
// `acgprov config check [--job FILE] [options]`: validates a run's configuration (job file,
// environment, flags), opens the inputs, fetches a token and makes one read-only request,
// without writing anything anywhere. Exit 0 ok; 2 a configuration error; 3 the identity
// platform or the API said no (its error text is printed: invalid_client, AADSTS...).
#include "jobs/cli/job_file.hpp"

#include <string>
#include <vector>

namespace acgprov::jobs {

// argv after "config", and the --job file main() read (nullptr: none).
int config_main(const std::vector<std::string>& args, const job_file* job);

}  // namespace acgprov::jobs
