#include "compiler/support/source.h"

#include <algorithm>

namespace ww {

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {
  lineStarts_.push_back(0);
  // A line ends with \n, \r\n or a lone \r (old Mac line endings).
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n')))
      lineStarts_.push_back(static_cast<std::uint32_t>(i + 1));
}

LineCol SourceFile::lineCol(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  auto lineIndex = static_cast<std::uint32_t>(it - lineStarts_.begin() - 1);
  std::uint32_t begin = lineStarts_[lineIndex];
  if (begin == 0 && hasByteOrderMark(text_))
    begin = std::min<std::uint32_t>(3, offset);
  std::string_view before(text_.data() + begin, offset - begin);
  return {lineIndex + 1, static_cast<std::uint32_t>(codePointCount(before) + 1)};
}

std::string_view SourceFile::line(std::uint32_t line) const {
  if (line == 0 || line > lineStarts_.size())
    return {};
  std::uint32_t begin = lineStarts_[line - 1];
  if (begin == 0 && hasByteOrderMark(text_))
    begin = 3;
  std::uint32_t end = line < lineStarts_.size() ? lineStarts_[line] : text_.size();
  std::string_view view(text_.data() + begin, end - begin);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r'))
    view.remove_suffix(1);
  return view;
}

FileId SourceManager::add(std::string path, std::string text) {
  auto id = static_cast<FileId>(files_.size() + 1);
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return id;
}

bool hasByteOrderMark(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF"; }

std::size_t utf8SequenceLength(unsigned char lead) {
  return lead < 0x80           ? 1
         : (lead >> 5) == 0x6  ? 2
         : (lead >> 4) == 0xE  ? 3
         : (lead >> 3) == 0x1E ? 4
                               : 0;
}

std::size_t validUtf8SequenceLength(std::string_view text, std::size_t at) {
  if (at >= text.size())
    return 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  unsigned char lead = byte(0);
  std::size_t len = utf8SequenceLength(lead);
  if (len == 0 || at + len > text.size())
    return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((byte(k) & 0xC0) != 0x80)
      return 0;
  // The second byte's range rules out overlong forms, surrogates and code points past
  // U+10FFFF (RFC 3629, section 4).
  unsigned char second = len > 1 ? byte(1) : 0;
  bool ok = len == 1 ||
            (len == 2 && lead >= 0xC2) ||
            (len == 3 && (lead == 0xE0   ? second >= 0xA0
                          : lead == 0xED ? second <= 0x9F
                                         : true)) ||
            (len == 4 && (lead == 0xF0   ? second >= 0x90
                          : lead == 0xF4 ? second <= 0x8F
                                         : lead < 0xF4));
  return ok ? len : 0;
}

bool isValidUtf8(std::string_view text, std::size_t &badOffset) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = validUtf8SequenceLength(text, i);
    if (len == 0) {
      badOffset = i;
      return false;
    }
    i += len;
  }
  return true;
}

std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes)
    return text;
  std::size_t end = maxBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  return text.substr(0, end);
}

std::size_t codePointCount(std::string_view text) {
  std::size_t n = 0;
  for (char ch : text)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80)
      ++n;
  return n;
}

} // namespace ww
