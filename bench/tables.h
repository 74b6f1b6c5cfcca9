#pragma once
/// Decision tables for ww_bench (`--only tables`): N number inputs `0..999` (and optionally
/// list inputs), a grid of boxes that tiles the input space, one rule per box with one of K
/// outcomes, then a share of rows whose bounds are moved by a few units, which makes overlaps
/// (conflicts where the outcomes differ) and gaps. Seeded and deterministic.
///
/// The generator also keeps the boxes, so that the benchmark can count the raw conflicting
/// pairs and the uncovered points itself, by box arithmetic, independently of the verifier.

#include <cstdint>
#include <string>
#include <vector>

namespace ww::bench {

struct TableOptions {
  int numbers = 5;  ///< number inputs `0..999`
  int lists = 0;    ///< list inputs of 4 answers, split in two halves by the grid
  int rows = 1600;  ///< about this many rows (the grid's cells)
  int outcomes = 5; ///< K
  int perturbPercent = 10;
  int maxShift = 5; ///< a moved bound moves by 1..maxShift units
  std::uint32_t seed = 42;
};

/// One row's box: per input, the answers lo..hi (list inputs: answer indices).
struct TableRow {
  std::vector<std::int64_t> lo, hi;
  int outcome = 0;
};

struct Table {
  std::string name, text;
  std::vector<std::int64_t> domainHi; ///< per input; every domain starts at 0
  std::vector<TableRow> rows;
  int perturbed = 0;
};

Table generateTable(const TableOptions &options);

/// Pairs of rows with different outcomes whose boxes intersect (sort and sweep on the first
/// input, then a test of every input).
std::size_t conflictingPairs(const Table &t);
/// The number of points of the input space that no row covers (exact, by recursive
/// coordinate compression over the inputs; saturates at UINT64_MAX).
std::uint64_t uncoveredPoints(const Table &t);

/// N yes/no questions and a table over them (rules of two to four literals), for the
/// comparison with brute-force enumeration.
Table generateYesNoTable(int questions, int rows, int outcomes, std::uint32_t seed);

} // namespace ww::bench
