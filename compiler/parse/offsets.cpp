#include "compiler/parse/offsets.h"

namespace ww::parse {

Offsets::Offsets(const SourceFile &file) : file_(file.id()) {
  const std::string &text = file.text();
  cpToByte_.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      cpToByte_.push_back(static_cast<std::uint32_t>(i));
  cpToByte_.push_back(static_cast<std::uint32_t>(text.size()));
}

std::uint32_t Offsets::byteOf(std::size_t codePoint) const {
  return codePoint < cpToByte_.size() ? cpToByte_[codePoint] : cpToByte_.back();
}

Span Offsets::range(const antlr4::Token *from, const antlr4::Token *to) const {
  if (!from)
    return {};
  if (!to)
    to = from;
  std::size_t start = from->getStartIndex();
  if (start == INVALID_INDEX)
    return {file_, cpToByte_.back(), cpToByte_.back()};
  std::size_t stop = to->getStopIndex();
  std::uint32_t begin = byteOf(start);
  // An empty match has stop < start; EOF has stop == start - 1 as well.
  std::uint32_t end = (stop == INVALID_INDEX || stop + 1 <= start) ? begin : byteOf(stop + 1);
  return {file_, begin, end};
}

Span Offsets::token(const antlr4::Token *token) const { return range(token, token); }

Span Offsets::context(antlr4::ParserRuleContext *ctx) const {
  if (!ctx)
    return {};
  return range(ctx->getStart(), ctx->getStop() ? ctx->getStop() : ctx->getStart());
}

} // namespace ww::parse
