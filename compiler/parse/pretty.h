#pragma once
/// A small pretty printer in the manner of Wadler's "A prettier printer" (as prettier and
/// many other formatters use it), for `wegwijzer fmt`. A document is text with the places
/// where a line may break; a group breaks at all of its own places or at none, depending on
/// whether it fits in the width. Nothing here knows the rule language.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ww::parse::pretty {

/// A document, as an index into the Docs that made it.
using Doc = std::uint32_t;

/// Makes documents and lays them out. Columns count code points; a level of indent is two
/// spaces.
class Docs {
public:
  Docs();

  /// Text that never breaks. `blankBefore`: when it starts a line, one blank line comes before
  /// it (never two, never at the start). `measured`: counted when deciding whether something
  /// fits (comments are not).
  Doc text(std::string_view s, bool blankBefore = false, bool measured = true);
  /// One space, left out at the start of a line.
  Doc space();
  /// A space, or a line break when its group breaks.
  Doc line();
  /// Always a line break. Line breaks never make an empty line: two in a row make one.
  Doc hardLine();
  Doc concat(std::vector<Doc> parts);
  /// Line breaks inside `d` indent `levels` more.
  Doc nest(Doc d, int levels = 1);
  /// `d` on one line when it fits (up to the next line break after it), else its own `line`s
  /// break; groups inside decide for themselves. A group with a line break inside it, content
  /// after the break, always breaks.
  Doc group(Doc d);
  /// `separator` and then `content`, or `content` on a new line one level deeper, when it
  /// fits there and not here (as Black moves a long right-hand side, and only when that helps).
  Doc hang(std::string_view separator, Doc content);
  /// The items separated by `line`s, as many to a line as fit.
  Doc fill(std::vector<Doc> items);
  /// `broken` when the group around it breaks, else `flat`.
  Doc ifBroken(Doc broken, Doc flat);

  /// The text, lines ending with `\n`, the last one too.
  std::string render(Doc root, std::size_t width) const;

private:
  enum class Kind { Text, Space, Line, Hard, Concat, Nest, Group, Hang, Fill, IfBroken };
  // A file has millions of nodes: texts and kids are kept in two arrays, not in each node.
  struct Node {
    explicit Node(Kind k) : kind(k) {}
    Kind kind;
    bool blankBefore = false;
    bool empty = true;           ///< prints nothing (line breaks and spaces do not count)
    bool hard = false;           ///< holds a line break that is always made
    bool breaks = false;         ///< holds such a line break with content after it
    int levels = 0;              ///< Nest
    std::uint32_t width = 0;     ///< what the text counts when measured
    std::uint32_t textBegin = 0; ///< Text; Hang: the separator (in chars_)
    std::uint32_t textSize = 0;
    std::uint32_t kidsBegin = 0; ///< in kids_; IfBroken: broken, flat
    std::uint32_t kidsSize = 0;
  };
  struct Cmd {
    int indent;
    bool flat;
    Doc doc;
    std::size_t from = 0; ///< Fill: the first item not yet printed
  };
  class Printer;

  Doc add(Node n, std::string_view text, const std::vector<Doc> &kids);
  std::string_view textOf(const Node &n) const { return {chars_.data() + n.textBegin, n.textSize}; }
  Doc kid(const Node &n, std::size_t i) const { return kids_[n.kidsBegin + i]; }
  bool fits(std::vector<Cmd> next, const std::vector<Cmd> &rest, long width, bool mustBeFlat) const;

  std::vector<Node> nodes_;
  std::string chars_;
  std::vector<Doc> kids_;
  Doc space_, line_, hard_;
};

} // namespace ww::parse::pretty
