#pragma once
/// ANTLR counts code points and its stop index is inclusive; our spans are half-open byte
/// ranges. This is the one place that converts.

#include "compiler/support/source.h"

#include <antlr4-runtime.h>

#include <vector>

namespace ww::parse {

class Offsets {
public:
  explicit Offsets(const SourceFile &file);
  /// The byte offset of a code point index (the end of the text for indices past it).
  std::uint32_t byteOf(std::size_t codePoint) const;
  Span token(const antlr4::Token *token) const;
  Span context(antlr4::ParserRuleContext *ctx) const;
  /// From the start of `from` to the end of `to`.
  Span range(const antlr4::Token *from, const antlr4::Token *to) const;

private:
  FileId file_;
  std::vector<std::uint32_t> cpToByte_;
};

} // namespace ww::parse
