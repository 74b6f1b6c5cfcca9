// Unit tests of compiler/support/line_diff: shortest edit scripts, and unified diffs in the
// format of `diff -u`.

#include <doctest/doctest.h>

#include "compiler/support/line_diff.h"

#include <random>
#include <string>
#include <vector>

namespace {

using ww::LineEdit;

// The length of a longest common subsequence, by dynamic programming.
std::size_t lcs(const std::vector<std::string_view> &a, const std::vector<std::string_view> &b) {
  std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
  return t[0][0];
}

// Checks that the script walks both texts in order, keeps only equal lines, and is shortest.
void checkScript(const std::vector<std::string_view> &a, const std::vector<std::string_view> &b) {
  std::vector<LineEdit> script = ww::diffLines(a, b);
  std::size_t i = 0, j = 0, edits = 0;
  for (const LineEdit &e : script) {
    switch (e.kind) {
    case LineEdit::Kind::Same:
      REQUIRE(e.oldLine == i);
      REQUIRE(e.newLine == j);
      REQUIRE(a[i] == b[j]);
      ++i, ++j;
      break;
    case LineEdit::Kind::Removed:
      REQUIRE(e.oldLine == i);
      ++i, ++edits;
      break;
    case LineEdit::Kind::Added:
      REQUIRE(e.newLine == j);
      ++j, ++edits;
      break;
    }
  }
  CHECK(i == a.size());
  CHECK(j == b.size());
  CHECK(edits == a.size() + b.size() - 2 * lcs(a, b));
}

} // namespace

TEST_CASE("lines keep their line feed; a last line may lack one") {
  CHECK(ww::splitLines("").empty());
  CHECK(ww::splitLines("a\nb") == std::vector<std::string_view>{"a\n", "b"});
  CHECK(ww::splitLines("a\n\n") == std::vector<std::string_view>{"a\n", "\n"});
  CHECK(ww::splitLines("a\r\nb\n") == std::vector<std::string_view>{"a\r\n", "b\n"});
}

TEST_CASE("the edit script is a shortest one, for small and random inputs") {
  using V = std::vector<std::string_view>;
  checkScript({}, {});
  checkScript({"a"}, {});
  checkScript({}, {"a", "b"});
  checkScript({"a", "b", "c"}, {"a", "b", "c"});
  checkScript({"a", "b", "c", "a", "b", "b", "a"}, {"c", "b", "a", "b", "a", "c"});
  checkScript(V(50, "x"), V(30, "x"));
  std::mt19937 random(20260101);
  const std::vector<std::string_view> alphabet = {"a", "b", "c", "d"};
  for (int round = 0; round < 2000; ++round) {
    std::uniform_int_distribution<std::size_t> length(0, round < 1000 ? 8 : 40);
    std::uniform_int_distribution<std::size_t> letter(0, round % 2 ? 1 : alphabet.size() - 1);
    V a(length(random)), b(length(random));
    for (auto &l : a)
      l = alphabet[letter(random)];
    for (auto &l : b)
      l = alphabet[letter(random)];
    CAPTURE(round);
    checkScript(a, b);
  }
}

TEST_CASE("removed lines come before the added lines of one change") {
  std::vector<LineEdit> script = ww::diffLines({"a\n", "b\n", "c\n"}, {"a\n", "x\n", "c\n"});
  REQUIRE(script.size() == 4);
  CHECK(script[1].kind == LineEdit::Kind::Removed);
  CHECK(script[2].kind == LineEdit::Kind::Added);
}

TEST_CASE("a unified diff has three lines of context and merges close changes") {
  std::string oldText, newText;
  for (int i = 1; i <= 20; ++i) {
    oldText += std::to_string(i) + "\n";
    newText += (i == 5    ? "five"
                : i == 11 ? "eleven"
                : i == 19 ? "nineteen"
                          : std::to_string(i)) +
               std::string("\n");
  }
  // 5 and 11 are 5 lines apart (at most 6: one hunk); 11 and 19 are 7 apart (two hunks).
  CHECK(ww::unifiedDiff(oldText, newText, "a/x.ww", "b/x.ww") == "--- a/x.ww\n"
                                                                 "+++ b/x.ww\n"
                                                                 "@@ -2,13 +2,13 @@\n"
                                                                 " 2\n 3\n 4\n-5\n+five\n"
                                                                 " 6\n 7\n 8\n 9\n 10\n"
                                                                 "-11\n+eleven\n 12\n 13\n 14\n"
                                                                 "@@ -16,5 +16,5 @@\n"
                                                                 " 16\n 17\n 18\n-19\n+nineteen\n"
                                                                 " 20\n");
  CHECK(ww::unifiedDiff(oldText, oldText, "a", "b").empty());
}

TEST_CASE("hunk ranges: one line, no line, and a last line without a line feed") {
  CHECK(ww::unifiedDiff("a\n", "b\n", "a", "b") == "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n");
  CHECK(ww::unifiedDiff("", "x\ny\n", "a", "b") == "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  CHECK(ww::unifiedDiff("x\ny\n", "x\n", "a", "b") == "--- a\n+++ b\n@@ -1,2 +1 @@\n x\n-y\n");
  CHECK(ww::unifiedDiff("x\ny", "x\ny\n", "a", "b") ==
        "--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n");
}
