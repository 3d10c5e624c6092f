#pragma once
// A parser of the Prometheus text exposition format (version 0.0.4), for tests of --metrics:
// # HELP and # TYPE lines, samples with escaped label values, float values (+Inf, -Inf, NaN)
// and an optional timestamp. It enforces the format's rules: a family's TYPE comes before its
// samples, each family's samples are together, label names are valid and not repeated.
// Throws std::runtime_error naming the line for anything else.
#include <map>
#include <string>
#include <vector>

namespace acgprov::test {

struct prom_sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct prom_family {
  std::string name;
  std::string type;  // counter, gauge, histogram, summary, untyped
  std::string help;  // unescaped
  std::vector<prom_sample> samples;
};

// Families by name, in the order they appear (the map loses the order; `order` keeps it).
struct prom_exposition {
  std::map<std::string, prom_family> families;
  std::vector<std::string> order;
};

prom_exposition parse_prometheus_text(const std::string& text);

}  // namespace acgprov::test
