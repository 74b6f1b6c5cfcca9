#pragma once
/// The review gate as a library: load two versions of a set of rulesets, verify both, and
/// compare each ruleset's versions (`wegwijzer diff`, and later a language server). No
/// command-line types here; the renderers return text.

#include "compiler/driver/workspace.h"
#include "verifier/compare.h"
#include "verifier/verify.h"

#include <optional>
#include <string>
#include <vector>

namespace ww::review {

/// One version: its paths (files or folders) and where they are read from.
struct Version {
  std::vector<std::string> paths;
  const FileSource *files = nullptr; ///< null: the file system
  Date date;                         ///< the date whose rules are compared (`--as-of`)
};

struct DiffOptions {
  std::vector<std::string> includeDirs; ///< `-I DIR`, for both versions
  verify::Options verify;
  verify::CompareOptions compare;
  Date today; ///< for the waivers' expiry
  unsigned jobs = 0; ///< rulesets and periods verified at once (0: one per core)
};

/// One ruleset in either version.
struct RulesetDiff {
  std::string id;                         ///< in the new version (removed: in the old)
  const ir::Ruleset *before = nullptr;    ///< null: not in the old version (or not analysed)
  const ir::Ruleset *after = nullptr;     ///< null: not in the new version (or not analysed)
  std::optional<verify::Comparison> comparison; ///< when both analysed
  std::string why;                        ///< why it was not compared
};

/// A finding (stable id) that only one version has.
struct FindingChange {
  bool added = false; ///< in the new version only; false: fixed (old version only)
  const Diagnostic *diagnostic = nullptr; ///< in its version's workspace
};

struct DiffResult {
  Workspace before, after;
  std::vector<RulesetDiff> rulesets; ///< in the new version's order, removed ones last
  std::vector<verify::Stats> beforeStats, afterStats;
  std::vector<FindingChange> findings; ///< new ones in the new version's order, then fixed
  Date beforeDate, afterDate;          ///< the dates whose rules were compared
  bool anyCaseChanged() const;
  bool inconclusive() const; ///< some comparison or check of the new version was undecided
};

/// Loads both versions, verifies both, and compares every ruleset they share.
void diff(DiffResult &out, const Version &before, const Version &after,
          const DiffOptions &options);

/// The report as text (the terminal), JSON (schema `wegwijzer-diff/1`, docs/diff.schema.json)
/// or Markdown (a pull-request comment).
std::string toText(const DiffResult &result);
std::string toJson(const DiffResult &result);
std::string toMarkdown(const DiffResult &result);

} // namespace ww::review
