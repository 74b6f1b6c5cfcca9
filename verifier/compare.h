#pragma once
/// Comparing two versions of one ruleset: which declarations were added, removed, renamed or
/// changed, and which cases now get another outcome or other obligations (found with Z3 over
/// the questions both versions share, generalised into regions, and counted exactly by
/// enumeration when the domain is finite and small enough; when the cases fall into few enough
/// classes that every condition treats alike, the regions are found on those classes instead of
/// with Z3, with the same result). See docs/diff.md.

#include "compiler/ir/ruleset.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ww::verify {

class ProofCache; // verifier/proof_cache.h

struct CompareOptions {
  unsigned timeoutMs = 10000;           ///< per solver call
  unsigned memoryMb = 4096;             ///< most memory the solver may hold (MiB)
  int maxRegions = 10;                  ///< regions shown per change of outcome or obligations
  std::uint64_t enumerateLimit = 2000000; ///< most cases counted one by one
  /// Find the changed cases on the classes of alike cases, enumerated, when there are at most
  /// 20,000 (the same regions as the solver finds); false (or `WW_DIFF_SOLVER=1` in the
  /// environment): always with the solver.
  bool enumerateCells = true;
  ProofCache *cache = nullptr;      ///< decided proofs to reuse; null: none
};

/// A declaration that differs: `+ rule x`, `- outcome y`, `~ outcome y renamed to z`, `* rule x`.
struct DeclChange {
  enum class Kind { Added, Removed, Renamed, Changed };
  Kind kind = Kind::Added;
  std::string what;   ///< question, answer, decision, outcome, rule, obligation, source, flag
  std::string id;     ///< the new id (removed: the old id); an answer is `question.answer`
  std::string oldId;  ///< renamed: the old id
  std::string detail; ///< changed: what changed, e.g. "condition, citations"
  Span oldSpan, newSpan;
};

/// What one version decides in a case, for one decision.
struct DecisionSide {
  std::string outcome;                ///< outcome id; empty when there is none
  bool conflict = false;              ///< the remaining rules disagree
  std::vector<std::string> rules;     ///< the deciding rules (none removed by an exception)
  std::vector<std::string> citations; ///< per deciding rule: "`rule`: source, locator; …"
  std::vector<std::string> obligations;
  std::string text() const; ///< "`meldrecht`", "no outcome" or "a conflict"
};

/// A region of cases in which one change holds for every case.
struct ChangedRegion {
  std::string cases;    ///< "situatie = volwassenen, doel = aangifte (any other answers)"
  std::string example;  ///< the smallest case of the region
  nlohmann::json json;  ///< regionJson of the region
  DecisionSide before, after; ///< in the example
  std::uint64_t count = 0;    ///< cases of the region (when counted)
};

/// One kind of change of one decision: `niet_delen` -> `meldrecht`, or the same outcome with
/// other obligations.
struct Transition {
  bool obligationsOnly = false;
  std::string before, after; ///< DecisionSide::text() of either version
  std::vector<ChangedRegion> regions;
  std::uint64_t count = 0;    ///< cases with this change (when counted)
  std::size_t uncovered = 0;  ///< cases with this change outside the regions shown
  bool uncoveredIsLowerBound = false;
};

struct DecisionComparison {
  std::string id;      ///< the decision's id in the new version
  std::string oldId;   ///< in the old version
  std::vector<Transition> transitions;
  std::uint64_t outcomeChanged = 0, obligationsChanged = 0; ///< cases (when counted)
  bool truncated = false; ///< more kinds of change than were searched
};

/// The comparison of one ruleset's old and new version.
struct Comparison {
  std::string oldId, newId;
  std::vector<DeclChange> declarations;
  std::vector<std::string> notes; ///< how questions and answers of one version were treated
  std::vector<DecisionComparison> decisions; ///< the decisions both versions have, new order
  bool counted = false;         ///< the counts below are exact (every case was enumerated)
  std::uint64_t cases = 0;      ///< cases compared
  std::uint64_t changed = 0;    ///< cases in which some decision's outcome or obligations differ
  std::uint64_t notCompared = 0; ///< cases left out: an answer one version does not offer
  bool inconclusive = false;    ///< a solver call gave up: changes may be missing
  std::string error;            ///< the solver failed; nothing else is trustworthy

  bool anyCaseChanged() const;
};

/// Compares two analysed versions of a ruleset.
Comparison compare(const ir::Ruleset &before, const ir::Ruleset &after,
                   const CompareOptions &options);

/// For each kind of declaration, the old index -> the new index (-1: removed).
struct NameMaps {
  std::vector<int> sources, obligations, flags, questions, decisions, outcomes, rules;
  std::vector<std::vector<int>> answers; ///< by old question: old answer -> new answer
};

/// The declarations part of compare (no solver): matched by id, then renames found by equal
/// content; fills maps.
std::vector<DeclChange> compareDeclarations(const ir::Ruleset &before, const ir::Ruleset &after,
                                            NameMaps &maps);

} // namespace ww::verify
