#pragma once
/// Source files held in memory, and half-open byte spans into them.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ww {

/// Index of a file in a SourceManager; 0 means "no file" (synthesised or command line).
using FileId = std::uint32_t;

/// A half-open byte range [begin, end) in one source file.
struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool valid() const { return file != 0; }
  friend bool operator==(const Span &, const Span &) = default;
  friend auto operator<=>(const Span &, const Span &) = default;
};

/// A 1-based line and column; the column counts code points, not bytes (nor a byte-order mark).
struct LineCol {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// One loaded file: its path as the user gave it and its text (never modified).
class SourceFile {
public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  const std::string &path() const { return path_; }
  const std::string &text() const { return text_; }
  /// The line and column of a byte offset (offsets past the end clamp to the end).
  LineCol lineCol(std::uint32_t offset) const;
  /// The text of a 1-based line, without its line terminator (\n, \r\n or \r).
  std::string_view line(std::uint32_t line) const;
  std::uint32_t lineCount() const { return static_cast<std::uint32_t>(lineStarts_.size()); }

private:
  FileId id_;
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> lineStarts_;
};

/// Owns every file of a run; spans refer to files by id.
class SourceManager {
public:
  /// Adds a file from memory and returns its id.
  FileId add(std::string path, std::string text);
  /// The file with this id; id must be valid.
  const SourceFile &file(FileId id) const { return *files_.at(id - 1); }
  std::size_t size() const { return files_.size(); }

private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

/// True when text starts with the UTF-8 byte-order mark (EF BB BF). It is not part of the
/// first line: columns do not count it and `SourceFile::line(1)` leaves it out.
bool hasByteOrderMark(std::string_view text);

/// The length of the UTF-8 sequence a lead byte starts (1–4), or 0 for a byte that cannot lead.
std::size_t utf8SequenceLength(unsigned char lead);

/// The length of the well-formed UTF-8 sequence at `at` (1–4), or 0 when the bytes there are
/// not one: a stray or missing continuation byte, an overlong form, a surrogate (U+D800–U+DFFF)
/// or a code point past U+10FFFF.
std::size_t validUtf8SequenceLength(std::string_view text, std::size_t at);

/// True when text is valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points past
/// U+10FFFF); otherwise sets badOffset to the first byte of the first invalid sequence.
bool isValidUtf8(std::string_view text, std::size_t &badOffset);

/// The longest prefix of text of at most maxBytes bytes that does not end inside a UTF-8
/// sequence.
std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes);

/// The number of code points in valid UTF-8 text (invalid bytes count one each).
std::size_t codePointCount(std::string_view text);

} // namespace ww
