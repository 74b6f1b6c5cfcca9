#include "lsp/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace ww::lsp {
namespace {

// The length of the UTF-8 sequence that starts with `lead` (1 for a byte that cannot lead).
std::size_t sequence(unsigned char lead) {
  if (lead >= 0xF0)
    return 4;
  if (lead >= 0xE0)
    return 3;
  if (lead >= 0xC0)
    return 2;
  return 1;
}

} // namespace

Position positionOf(std::string_view text, std::size_t offset) {
  Position p;
  offset = std::min(offset, text.size());
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++p.line;
      lineStart = i + 1;
    }
  for (std::size_t i = lineStart; i < offset;) {
    std::size_t n = sequence(static_cast<unsigned char>(text[i]));
    if (i + n > offset)
      break;
    p.character += n == 4 ? 2 : 1; // a code point past U+FFFF is two UTF-16 units
    i += n;
  }
  return p;
}

std::size_t offsetOf(std::string_view text, Position p) {
  std::size_t i = 0;
  for (std::uint32_t line = 0; line < p.line; ++line) {
    std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos)
      return text.size();
    i = nl + 1;
  }
  std::uint32_t units = 0;
  while (i < text.size() && text[i] != '\n' && units < p.character) {
    std::size_t n = sequence(static_cast<unsigned char>(text[i]));
    units += n == 4 ? 2 : 1;
    i = std::min(text.size(), i + n);
  }
  return i;
}

LineMap::LineMap(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n')
      starts_.push_back(i + 1);
}

Position LineMap::positionOf(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - starts_.begin()) - 1;
  Position p = lsp::positionOf(text_.substr(starts_[line]), offset - starts_[line]);
  p.line = static_cast<std::uint32_t>(line);
  return p;
}

std::size_t LineMap::offsetOf(Position p) const {
  if (p.line >= starts_.size())
    return text_.size();
  return starts_[p.line] + lsp::offsetOf(text_.substr(starts_[p.line]), {0, p.character});
}

std::string uriToPath(const std::string &uri) {
  const std::string scheme = "file://";
  if (uri.rfind(scheme, 0) != 0)
    return "";
  std::string rest = uri.substr(scheme.size());
  // `file://host/path`: only the local host is ours.
  if (!rest.empty() && rest[0] != '/') {
    std::size_t slash = rest.find('/');
    if (slash == std::string::npos || rest.substr(0, slash) != "localhost")
      return "";
    rest = rest.substr(slash);
  }
  std::string out;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(rest[i + 2]))) {
      out += static_cast<char>(std::stoi(rest.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += rest[i];
    }
  }
  return out;
}

std::string pathToUri(const std::string &path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(path, ec);
  std::string s = (ec ? std::filesystem::path(path) : p).lexically_normal().generic_string();
  std::string out = "file://";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~')
      out += ch;
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

} // namespace ww::lsp
