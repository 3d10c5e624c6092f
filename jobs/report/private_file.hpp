#pragma once
// Files that hold customer data (reports, summaries, metrics, locks, exports): created mode
// 0600 whatever the umask, and, for the files a scheduler reads while they may be rewritten
// (the summary, the metrics), replaced atomically so that no reader ever sees half of one.
#include <string>
#include <string_view>

namespace acgprov::jobs {

// open(2) of `path` with `flags` (O_CREAT added); a file this call creates is mode 0600
// exactly (fchmod: the umask cannot widen or narrow it), an existing one keeps its mode.
// Returns the descriptor, or -1 with errno set.
int open_private(const std::string& path, int flags);

// Writes `content` to a temporary file beside `path` (mode 0600), fsyncs it, renames it over
// `path` and fsyncs the folder. Throws std::runtime_error naming `path`; the temporary file
// is removed then.
void replace_file_atomically(const std::string& path, std::string_view content);

}  // namespace acgprov::jobs
