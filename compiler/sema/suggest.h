#pragma once
/// "Did you mean" suggestions.

#include <string>
#include <vector>

namespace ww::sema {

/// Edit distance between two names (insertions, deletions, substitutions, transpositions).
std::size_t editDistance(const std::string &a, const std::string &b);

/// The candidate closest to name, if it is close enough to be a likely typo; else "".
std::string closest(const std::string &name, const std::vector<std::string> &candidates);

} // namespace ww::sema
