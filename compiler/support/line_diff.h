#pragma once
/// Line-by-line comparison of two texts, and the unified diff that `wegwijzer fmt --diff`
/// prints (the format of `diff -u`).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ww {

/// One step of an edit script: a line both texts have, or one only the old or the new has.
struct LineEdit {
  enum class Kind { Same, Removed, Added };
  Kind kind;
  std::size_t oldLine; ///< 0-based index of the line in the old text (Same, Removed)
  std::size_t newLine; ///< 0-based index of the line in the new text (Same, Added)
};

/// The lines of a text, each with its line feed (the last may lack one). A line ends at `\n`
/// only, as for `diff`.
std::vector<std::string_view> splitLines(std::string_view text);

/// A shortest edit script from `oldLines` to `newLines` (Myers' O(ND) algorithm, in linear
/// space): every line of both in order, removed lines before added ones within a change.
std::vector<LineEdit> diffLines(const std::vector<std::string_view> &oldLines,
                                const std::vector<std::string_view> &newLines);

/// The unified diff of two texts as `diff -u` prints it: `--- OLDNAME` and `+++ NEWNAME`, then
/// hunks (`@@ -l,n +l,n @@`) with `context` unchanged lines around each change, changes closer
/// than twice that in one hunk, and `\ No newline at end of file` after a last line without
/// one. Empty when the texts are equal.
std::string unifiedDiff(std::string_view oldText, std::string_view newText,
                        std::string_view oldName, std::string_view newName,
                        std::size_t context = 3);

} // namespace ww
