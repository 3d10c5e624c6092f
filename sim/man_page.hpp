#pragma once
// acgprov-sim(1), made from `acgprov-sim --help` (sim/config.cpp's help_text) so that the man
// page lists exactly the flags the emulator takes. `acgprov-sim --man-page` prints it; the test
// cli_docs_current fails when the committed docs/man/acgprov-sim.1 differs.
#include <string>

namespace acgprov::sim {

// The help text's layout: a "name - what" line, a "Usage:" line, paragraphs (indented lines are
// kept as written), then sections: a line at the margin followed by "  --flag ARGS  meaning"
// lines and their indented continuations.
std::string man_page(const std::string& help, const std::string& version);

}  // namespace acgprov::sim
