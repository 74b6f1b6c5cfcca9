#pragma once
/// Text for a terminal that no input can take over: every control character that a rule file,
/// a waiver or an argument brings (an ESC sequence, a carriage return, a bell, C1 controls,
/// bidirectional overrides) is shown as a visible escape, `\x1b`, `\u{202e}`, and only the
/// tool's own colours and progress line reach the terminal as control characters. The tool
/// writes those as markers that valid UTF-8 text can never contain (kEsc, kCr); the filter
/// turns the markers into the real characters after everything else is escaped.

#include <streambuf>
#include <string>
#include <string_view>

namespace ww {

/// The tool's own ESC (colours) and carriage return (progress), as written before the filter.
inline constexpr std::string_view kEsc = "\xff\x01";
inline constexpr std::string_view kCr = "\xff\x02";

/// `text` with every control character escaped (tab and newline kept) and the markers made
/// real. Bytes that are not UTF-8 become `?`.
std::string terminalSafe(std::string_view text);

/// A stream buffer that passes everything through terminalSafe on its way to `target`
/// (multi-byte characters split between writes are kept together).
class TerminalSafeBuf : public std::streambuf {
public:
  explicit TerminalSafeBuf(std::streambuf *target) : target_(target) {}
  ~TerminalSafeBuf() override;

protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char *s, std::streamsize n) override;
  int sync() override;

private:
  void pass(bool final);
  std::streambuf *target_;
  std::string pending_; ///< bytes of a character or marker not yet complete
};

} // namespace ww
