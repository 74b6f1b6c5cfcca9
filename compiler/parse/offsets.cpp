#include "compiler/parse/offsets.h"

namespace ww::parse {

namespace {
bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
} // namespace

Offsets::Offsets(const SourceFile &file) : text_(file.text()), file_(file.id()) {
  // The ANTLR input stream drops a leading byte-order mark: its index 0 is the byte after it.
  first_ = hasByteOrderMark(text_) ? 3 : 0;
  for (std::size_t i = first_; i < text_.size(); ++i) {
    if (isContinuation(text_[i]))
      continue;
    if (count_ % kStride == 0)
      checkpoints_.push_back(static_cast<std::uint32_t>(i));
    if (static_cast<unsigned char>(text_[i]) >= 0x80)
      ascii_ = false;
    ++count_;
  }
  if (ascii_)
    checkpoints_ = {};
}

std::uint32_t Offsets::byteOf(std::size_t codePoint) const {
  if (codePoint >= count_)
    return static_cast<std::uint32_t>(text_.size());
  if (ascii_)
    return static_cast<std::uint32_t>(first_ + codePoint);
  std::size_t i = checkpoints_[codePoint / kStride];
  for (std::size_t k = codePoint % kStride; k > 0; --k)
    do
      ++i;
    while (isContinuation(text_[i]));
  return static_cast<std::uint32_t>(i);
}

Span Offsets::range(const antlr4::Token *from, const antlr4::Token *to) const {
  if (!from)
    return {};
  if (!to)
    to = from;
  std::size_t start = from->getStartIndex();
  auto end = static_cast<std::uint32_t>(text_.size());
  if (start == INVALID_INDEX)
    return {file_, end, end};
  std::size_t stop = to->getStopIndex();
  std::uint32_t begin = byteOf(start);
  // An empty match has stop < start; EOF has stop == start - 1 as well.
  std::uint32_t last = (stop == INVALID_INDEX || stop + 1 <= start) ? begin : byteOf(stop + 1);
  return {file_, begin, last};
}

Span Offsets::token(const antlr4::Token *token) const { return range(token, token); }

Span Offsets::context(antlr4::ParserRuleContext *ctx) const {
  if (!ctx)
    return {};
  return range(ctx->getStart(), ctx->getStop() ? ctx->getStop() : ctx->getStart());
}

} // namespace ww::parse
