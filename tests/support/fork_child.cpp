#include "tests/support/fork_child.hpp"

#include <csignal>

#include <sys/prctl.h>
#include <unistd.h>

extern char** environ;

namespace acgprov::test {

std::vector<char*> exec_array(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra,
                                          bool (*drop)(std::string_view name)) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    const std::string name = kv.substr(0, kv.find('='));
    if (drop && drop(name)) continue;
    if (extra.count(name)) continue;  // `extra` replaces it (getenv finds the first)
    out.push_back(std::move(kv));
  }
  for (const auto& [k, v] : extra) out.push_back(k + "=" + v);
  return out;
}

pid_t fork_test_child() {
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The parent may have died before the line above: then nothing would ever kill this child.
    if (::getppid() != parent) ::_exit(127);
  }
  return pid;
}

}  // namespace acgprov::test
