// The printer keeps a stack of what is left to print, each part with its indent and whether
// its group is flat, and decides each group when it reaches it by measuring the group flat
// together with what follows it up to the next line break (Lindig's strict version of
// Wadler's algorithm, as prettier's printDocToString does it).

#include "compiler/parse/pretty.h"

#include "compiler/support/source.h"

#include <utility>

namespace ww::parse::pretty {

Docs::Docs() {
  space_ = add(Node(Kind::Space), {}, {});
  line_ = add(Node(Kind::Line), {}, {});
  hard_ = add(Node(Kind::Hard), {}, {});
}

Doc Docs::add(Node n, std::string_view text, const std::vector<Doc> &kids) {
  n.textBegin = static_cast<std::uint32_t>(chars_.size());
  n.textSize = static_cast<std::uint32_t>(text.size());
  chars_ += text;
  n.kidsBegin = static_cast<std::uint32_t>(kids_.size());
  n.kidsSize = static_cast<std::uint32_t>(kids.size());
  kids_.insert(kids_.end(), kids.begin(), kids.end());
  switch (n.kind) {
  case Kind::Text:
    n.empty = text.empty();
    break;
  case Kind::Space:
  case Kind::Line:
    break;
  case Kind::Hard:
    n.hard = true;
    break;
  case Kind::Concat:
  case Kind::Fill:
    for (Doc d : kids) {
      const Node &k = nodes_[d];
      n.breaks = n.breaks || k.breaks || (n.hard && !k.empty);
      n.hard = n.hard || k.hard;
      n.empty = n.empty && k.empty;
    }
    break;
  case Kind::Nest:
  case Kind::Group:
  case Kind::Hang:
  case Kind::IfBroken: {
    const Node &k = nodes_[kids.back()]; // IfBroken: the flat one
    n.breaks = k.breaks;
    n.hard = k.hard;
    n.empty = k.empty && text.empty();
    break;
  }
  }
  nodes_.push_back(n);
  return static_cast<Doc>(nodes_.size() - 1);
}

Doc Docs::text(std::string_view s, bool blankBefore, bool measured) {
  Node n(Kind::Text);
  n.width = measured ? static_cast<std::uint32_t>(codePointCount(s)) : 0;
  n.blankBefore = blankBefore;
  return add(n, s, {});
}
Doc Docs::space() { return space_; }
Doc Docs::line() { return line_; }
Doc Docs::hardLine() { return hard_; }
Doc Docs::concat(std::vector<Doc> parts) { return add(Node(Kind::Concat), {}, parts); }
Doc Docs::nest(Doc d, int levels) {
  Node n(Kind::Nest);
  n.levels = levels;
  return add(n, {}, {d});
}
Doc Docs::group(Doc d) { return add(Node(Kind::Group), {}, {d}); }
Doc Docs::hang(std::string_view separator, Doc content) {
  Node n(Kind::Hang);
  n.width = static_cast<std::uint32_t>(codePointCount(separator));
  return add(n, separator, {content});
}
Doc Docs::fill(std::vector<Doc> items) {
  std::vector<Doc> kids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      kids.push_back(line_);
    kids.push_back(items[i]);
  }
  return add(Node(Kind::Fill), {}, kids);
}
Doc Docs::ifBroken(Doc broken, Doc flat) { return add(Node(Kind::IfBroken), {}, {broken, flat}); }

// Whether `next` (printed in order), and then `rest` (a stack: its last element is printed
// first) up to the first line break, fit in `width` columns. With `mustBeFlat`, a group that
// must break does not fit.
bool Docs::fits(std::vector<Cmd> next, const std::vector<Cmd> &rest, long width,
                bool mustBeFlat) const {
  std::vector<Cmd> stack(next.rbegin(), next.rend());
  std::size_t restLeft = rest.size();
  while (width >= 0) {
    if (stack.empty()) {
      if (restLeft == 0)
        return true;
      stack.push_back(rest[--restLeft]);
      continue;
    }
    Cmd c = stack.back();
    stack.pop_back();
    const Node &n = nodes_[c.doc];
    switch (n.kind) {
    case Kind::Text:
      width -= static_cast<long>(n.width);
      break;
    case Kind::Space:
      width -= 1;
      break;
    case Kind::Line:
      if (!c.flat)
        return true;
      width -= 1;
      break;
    case Kind::Hard:
      return true;
    case Kind::Concat:
    case Kind::Fill:
      for (std::size_t k = n.kidsSize; k-- > 0;)
        stack.push_back({c.indent, c.flat, kid(n, k)});
      break;
    case Kind::Nest:
      stack.push_back({c.indent, c.flat, kid(n, 0)});
      break;
    case Kind::Group:
      if (mustBeFlat && n.breaks)
        return false;
      stack.push_back({c.indent, c.flat && !n.breaks, kid(n, 0)});
      break;
    case Kind::Hang:
      if (!c.flat)
        return true; // it may go to a line of its own
      width -= static_cast<long>(n.width);
      stack.push_back({c.indent, true, kid(n, 0)});
      break;
    case Kind::IfBroken:
      stack.push_back({c.indent, c.flat, kid(n, c.flat ? 1 : 0)});
      break;
    }
  }
  return false;
}

class Docs::Printer {
public:
  Printer(const Docs &docs, std::size_t width) : d_(docs), width_(static_cast<long>(width)) {}

  std::string run(Doc root) {
    stack_.push_back({0, false, root});
    while (!stack_.empty()) {
      Cmd c = stack_.back();
      stack_.pop_back();
      step(c);
    }
    if (!atStart_)
      out_ += '\n';
    return std::move(out_);
  }

private:
  long column() const { return atStart_ ? indent_ * 2L : col_ + (space_ ? 1 : 0); }

  void newline(int indent) {
    if (!atStart_)
      out_ += '\n';
    atStart_ = true;
    indent_ = indent;
    space_ = false;
  }
  void emit(std::string_view text, bool blankBefore) {
    if (text.empty())
      return;
    if (atStart_) {
      bool blankAlready = out_.size() >= 2 && out_[out_.size() - 2] == '\n';
      if (blankBefore && !out_.empty() && !blankAlready)
        out_ += '\n';
      out_.append(static_cast<std::size_t>(indent_) * 2, ' ');
      col_ = indent_ * 2L;
      atStart_ = false;
    } else if (space_) {
      out_ += ' ';
      ++col_;
    }
    space_ = false;
    out_ += text;
    col_ += static_cast<long>(codePointCount(text));
  }
  void separator(std::string_view text) {
    space_ = false;
    if (!atStart_) {
      out_ += text;
      col_ += static_cast<long>(codePointCount(text));
    }
  }

  void step(const Cmd &c) {
    const Node &n = d_.nodes_[c.doc];
    switch (n.kind) {
    case Kind::Text:
      emit(d_.textOf(n), n.blankBefore);
      break;
    case Kind::Space:
      space_ = !atStart_;
      break;
    case Kind::Line:
      if (c.flat)
        space_ = !atStart_;
      else
        newline(c.indent);
      break;
    case Kind::Hard:
      newline(c.indent);
      break;
    case Kind::Concat:
      for (std::size_t k = n.kidsSize; k-- > 0;)
        stack_.push_back({c.indent, c.flat, d_.kid(n, k)});
      break;
    case Kind::Nest:
      stack_.push_back({c.indent + n.levels, c.flat, d_.kid(n, 0)});
      break;
    case Kind::Group: {
      bool flat = c.flat && !n.breaks;
      if (!c.flat && !n.breaks)
        flat = d_.fits({{c.indent, true, d_.kid(n, 0)}}, stack_, width_ - column(), false);
      stack_.push_back({c.indent, flat, d_.kid(n, 0)});
      break;
    }
    case Kind::Hang:
      hang(c, n);
      break;
    case Kind::Fill:
      fill(c, n);
      break;
    case Kind::IfBroken:
      stack_.push_back({c.indent, c.flat, d_.kid(n, c.flat ? 1 : 0)});
      break;
    }
  }

  void hang(const Cmd &c, const Node &n) {
    Doc content = d_.kid(n, 0);
    long here = width_ - column() - static_cast<long>(n.width);
    long below = width_ - (c.indent + 1) * 2L;
    if (!c.flat && !d_.fits({{c.indent, true, content}}, stack_, here, false) &&
        d_.fits({{c.indent + 1, true, content}}, stack_, below, false)) {
      newline(c.indent + 1);
      stack_.push_back({c.indent + 1, false, content});
      return;
    }
    separator(d_.textOf(n));
    stack_.push_back({c.indent, c.flat, content});
  }

  // As many items to a line as fit (prettier's fill): an item stays on the line when it and
  // the separator before it fit; the last one together with what follows it.
  void fill(const Cmd &c, const Node &n) {
    auto kids = [&](std::size_t k) { return d_.kid(n, k); };
    const std::size_t size = n.kidsSize;
    std::size_t i = c.from;
    if (i >= size)
      return;
    if (c.flat) {
      for (std::size_t k = size; k-- > i;)
        stack_.push_back({c.indent, true, kids(k)});
      return;
    }
    static const std::vector<Cmd> nothing;
    long room = width_ - column();
    Cmd content{c.indent, true, kids(i)};
    bool last = i + 1 >= size;
    bool contentFits = d_.fits({content}, last ? stack_ : nothing, room, !last);
    if (last) {
      content.flat = contentFits;
      stack_.push_back(content);
      return;
    }
    bool nextIsLast = i + 3 >= size;
    bool bothFit = d_.fits({content, {c.indent, true, kids(i + 1)}, {c.indent, true, kids(i + 2)}},
                           nextIsLast ? stack_ : nothing, room, !nextIsLast);
    stack_.push_back({c.indent, false, c.doc, i + 2});
    stack_.push_back({c.indent, bothFit, kids(i + 1)});
    content.flat = contentFits;
    stack_.push_back(content);
  }

  const Docs &d_;
  long width_;
  std::vector<Cmd> stack_;
  std::string out_;
  long col_ = 0;
  int indent_ = 0;
  bool atStart_ = true; ///< nothing printed on this line yet
  bool space_ = false;  ///< a space is due before the next text on this line
};

std::string Docs::render(Doc root, std::size_t width) const {
  return Printer(*this, width).run(root);
}

} // namespace ww::parse::pretty
