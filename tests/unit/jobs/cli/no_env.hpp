#pragma once
// An environment with no variable set, for the parsers that take a getenv-like function.
namespace acgprov::test {

inline const char* no_env(const char*) { return nullptr; }

}  // namespace acgprov::test
