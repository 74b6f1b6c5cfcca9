#pragma once
/// `ww_bench --only goals`: every row of the speed goals of docs/performance.md, cold and warm
/// (warm: after the edit the row names, with the proofs of the run before kept on disk), each
/// in a child process, with the solver calls (solved, shared within the run, reused from the
/// run before) and the peak memory.

#include <string>

namespace ww::bench {

struct GoalsOptions {
  std::string rulesets; ///< the shipped rulesets/ folder
  std::string scratch;  ///< where copies, edits and caches go
  int maxSeconds = 300; ///< a row stopped after this long says so
};

/// The goals as a markdown table.
std::string goalsTable(const GoalsOptions &options);

} // namespace ww::bench
