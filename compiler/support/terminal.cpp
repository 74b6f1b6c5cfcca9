#include "compiler/support/terminal.h"

#include "compiler/support/source.h"

#include <fmt/format.h>

namespace ww {
namespace {

// The length of the UTF-8 sequence that starts with `lead` (0 for a byte that cannot start one).
std::size_t sequenceLength(unsigned char lead) {
  if (lead < 0x80)
    return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    return 2;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 3;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 4;
  return 0;
}

std::uint32_t decode(std::string_view s) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
  if (s.size() == 1)
    return b(0);
  if (s.size() == 2)
    return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (s.size() == 3)
    return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

// A code point a terminal acts on instead of showing: C0 and C1 controls but tab and newline,
// DEL, and the bidirectional embeddings, overrides and isolates (text that reads otherwise
// than it is stored).
bool acts(std::uint32_t c) {
  if (c == '\t' || c == '\n')
    return false;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

// Appends what `text` shows from `at`; returns how many bytes were used, or 0 when the text
// ends inside a character or marker (more bytes are needed).
std::size_t take(std::string_view text, std::size_t at, std::string &out, bool final) {
  auto lead = static_cast<unsigned char>(text[at]);
  if (lead == 0xFF) {
    if (at + 1 >= text.size()) {
      if (!final)
        return 0;
      out += '?';
      return 1;
    }
    char kind = text[at + 1];
    if (kind == '\x01' || kind == '\x02') {
      out += kind == '\x01' ? '\x1b' : '\r';
      return 2;
    }
    out += '?';
    return 1;
  }
  std::size_t len = sequenceLength(lead);
  if (len > 1 && at + len > text.size()) {
    if (!final)
      return 0;
    len = 0;
  }
  if (len == 0 || (len > 1 && validUtf8SequenceLength(text, at) != len)) {
    out += '?';
    return 1;
  }
  std::uint32_t c = decode(text.substr(at, len));
  if (!acts(c))
    out.append(text.substr(at, len));
  else if (c < 0x100)
    out += fmt::format("\\x{:02x}", c);
  else
    out += fmt::format("\\u{{{:x}}}", c);
  return len;
}

} // namespace

std::string terminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();)
    at += take(text, at, out, true);
  return out;
}

TerminalSafeBuf::~TerminalSafeBuf() { pass(true); }

void TerminalSafeBuf::pass(bool final) {
  std::string out;
  std::size_t at = 0;
  while (at < pending_.size()) {
    std::size_t used = take(pending_, at, out, final);
    if (used == 0)
      break;
    at += used;
  }
  pending_.erase(0, at);
  if (!out.empty())
    target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
}

TerminalSafeBuf::int_type TerminalSafeBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof()))
    return traits_type::not_eof(ch);
  pending_ += traits_type::to_char_type(ch);
  pass(false);
  return ch;
}

std::streamsize TerminalSafeBuf::xsputn(const char *s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  pass(false);
  return n;
}

int TerminalSafeBuf::sync() {
  pass(false);
  return target_->pubsync();
}

} // namespace ww
