#pragma once
/// What `export` and `ask` share: load one ruleset, verify it, build and validate its tree.

#include "compiler/driver/cli.h"
#include "compiler/export/tree.h"

#include <optional>
#include <string>

namespace ww::cli {

/// The one ruleset a command was given; a usage error when there are none or several.
const ir::Ruleset &singleRuleset(const Workspace &ws, const std::string &command);

struct VerifiedTree {
  Workspace ws;
  const ir::Ruleset *ruleset = nullptr;
  std::optional<exp::Tree> tree;
  bool verified = false; ///< `check` found no error and nothing inconclusive
};

/// Loads, verifies and builds the tree. On failure prints why (with the diagnostics) to
/// stderr and returns the exit code; returns -1 when `out.tree` is ready. An unverified
/// ruleset is refused unless `allowUnverified`.
int prepareTree(VerifiedTree &out, const InputOptions &options, double timeoutSeconds,
                bool allowUnverified, const std::string &command);

} // namespace ww::cli
