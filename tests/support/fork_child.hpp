#pragma once
// What every process a test starts shares: the arrays exec takes, the environment it is given,
// and a fork whose child dies with the test process (one that aborts, with a sanitizer report
// or a crash, must not leave its children running and holding ctest's output pipes open).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace acgprov::test {

// Each string's characters and a final nullptr, for exec's argv and envp; valid while
// `strings` is unchanged.
std::vector<char*> exec_array(std::vector<std::string>& strings);

// This process's environment as NAME=value strings, less the variables `drop` names (none
// when nullptr), plus `extra` (replacing a variable of the same name).
std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra,
                                          bool (*drop)(std::string_view name) = nullptr);

// fork(2) whose child gets SIGKILL when the test process dies. As fork: the child's pid in the
// parent, 0 in the child, -1 when it fails.
pid_t fork_test_child();

}  // namespace acgprov::test
