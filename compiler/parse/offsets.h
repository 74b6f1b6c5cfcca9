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
  /// Every kStride-th code point's byte offset: a full table would take 4 bytes per byte.
  static constexpr std::size_t kStride = 64;
  const std::string &text_;
  FileId file_;
  std::uint32_t first_ = 0; ///< the byte of code point 0 (3 after a byte-order mark)
  std::size_t count_ = 0;   ///< code points from first_ to the end
  bool ascii_ = true;       ///< then a code point's byte is first_ + its index
  std::vector<std::uint32_t> checkpoints_;
};

} // namespace ww::parse
