#pragma once
/// "Did you mean" suggestions. A suggestion is a courtesy: its cost is bounded whatever the
/// input (memory linear in the shorter name, work capped by name length and candidate count).

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace ww::sema {

/// Names longer than this (in bytes) get no suggestion and are never suggested.
inline constexpr std::size_t kMaxSuggestedNameLength = 64;
/// At most this many candidates (of a plausible length) are compared per unknown name.
inline constexpr std::size_t kMaxSuggestionCandidates = 2000;

/// Edit distance between two names (insertions, deletions, substitutions, transpositions of
/// neighbours). Stops early once the distance is known to exceed `limit` and then returns
/// `limit + 1`. Uses three rows of the table, so memory is linear in the length of `b`.
std::size_t editDistance(const std::string &a, const std::string &b,
                         std::size_t limit = std::numeric_limits<std::size_t>::max() - 1);

/// The candidate closest to name, if it is close enough to be a likely typo; else "".
std::string closest(const std::string &name, const std::vector<std::string> &candidates);

} // namespace ww::sema
