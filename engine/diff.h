#pragma once
/// The review gate as a library: load two versions of a set of rulesets, verify both, and
/// compare each ruleset's versions (`wegwijzer diff`, and later a language server). No
/// command-line types here; the renderers return text.

#include "engine/workspace.h"
#include "verifier/compare.h"
#include "verifier/verify.h"

#include <optional>
#include <string>
#include <vector>

namespace ww::engine {

/// One version: its paths (files or folders) and where they are read from.
struct Version {
  std::vector<std::string> paths;
  const FileSource *files = nullptr; ///< null: the file system
  Date date;                         ///< with `DiffOptions::everyDate` off: the date compared
};

struct DiffOptions {
  std::vector<std::string> includeDirs; ///< `-I DIR`, for both versions
  verify::Options verify;
  verify::CompareOptions compare;
  Date today; ///< for the waivers' expiry
  unsigned jobs = 0; ///< rulesets, periods and comparisons at once (0: one per core)
  /// Compare every date both versions model (the union of their periods' boundaries), each
  /// period of the union on its own; off: the rules on `Version::date` of either version.
  bool everyDate = true;
};

/// One ruleset compared on the dates of one period: the rules of either version that hold
/// then. With `everyDate` the periods are those of the union of both versions' timelines;
/// without it there is one, for the two dates compared.
struct PeriodDiff {
  Period period;                       ///< the dates compared (everyDate); unbounded otherwise
  const ir::Ruleset *before = nullptr; ///< the old version's rules on these dates
  const ir::Ruleset *after = nullptr;  ///< the new version's rules on these dates
  std::optional<verify::Comparison> comparison; ///< when both versions model these dates
  std::string why;                     ///< why these dates were not compared
};

/// One ruleset in either version.
struct RulesetDiff {
  std::string id;    ///< in the new version (removed: in the old)
  std::string oldId; ///< in the old version (renamed: another id)
  std::string oldFile, newFile; ///< the ruleset's own file in either version, as shown
  bool dated = false;           ///< either version has dates
  std::vector<PeriodDiff> periods; ///< in date order; empty when not compared at all
  std::string why;                 ///< why it was not compared at all
  bool compared() const;           ///< some period was compared
  bool anyCaseChanged() const;
  bool inconclusive() const;
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
  bool everyDate = true;               ///< every period of both timelines was compared
  Date beforeDate, afterDate;          ///< without everyDate: the dates whose rules were compared
  /// A ruleset of either version could not be analysed (front-end errors) or a path could not
  /// be read: the comparison is incomplete, whatever else it says.
  bool incomplete() const;
  bool anyCaseChanged() const;
  bool inconclusive() const; ///< some comparison or check of the new version was undecided
};

/// Loads both versions, verifies both, and compares every ruleset they share: on every period
/// of the union of both timelines (`everyDate`), or on the two dates of the versions.
void diff(DiffResult &out, const Version &before, const Version &after,
          const DiffOptions &options);

/// The report as text (the terminal), JSON (schema `wegwijzer-diff/2`, docs/diff.schema.json)
/// or Markdown (a pull-request comment).
std::string toText(const DiffResult &result);
std::string toJson(const DiffResult &result);
std::string toMarkdown(const DiffResult &result);

} // namespace ww::engine
