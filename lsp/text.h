#pragma once
/// Positions as LSP counts them (a line from 0, a character as UTF-16 code units from 0) and as
/// the tool counts them (byte offsets into the file), and file URIs.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ww::lsp {

struct Position {
  std::uint32_t line = 0, character = 0;
};

/// The LSP position of a byte offset (an offset inside a UTF-8 sequence counts as its start).
Position positionOf(std::string_view text, std::size_t offset);

/// The byte offset of an LSP position; a line past the end gives the end of the text, a
/// character past the end of its line the end of the line.
std::size_t offsetOf(std::string_view text, Position p);

/// The positions of one text, with its line starts computed once (semantic tokens and
/// diagnostics ask for many).
class LineMap {
public:
  explicit LineMap(std::string_view text);
  Position positionOf(std::size_t offset) const;
  std::size_t offsetOf(Position p) const;

private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

/// `file:///a/b%20c.ww` -> `/a/b c.ww`; empty for a URI of another scheme.
std::string uriToPath(const std::string &uri);
/// `/a/b c.ww` -> `file:///a/b%20c.ww` (the path made absolute first).
std::string pathToUri(const std::string &path);

} // namespace ww::lsp
