// `wegwijzer ask RULESET`: the questionnaire in the terminal.

#include "compiler/driver/cli.h"

namespace ww::cli {

int cmdAsk(int, char**) { throw UsageError("not yet available"); }

} // namespace ww::cli
