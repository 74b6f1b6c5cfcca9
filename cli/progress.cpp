// Progress on a terminal.

#include "cli/progress.h"

#include "compiler/support/terminal.h"

#include <unistd.h>

namespace ww::cli {

Progress::Progress(std::ostream &out, bool enabled, std::chrono::milliseconds delay)
    : out_(out), enabled_(enabled), start_(std::chrono::steady_clock::now()), delay_(delay) {}

Progress::~Progress() { done(); }

bool Progress::stderrIsTerminal() { return isatty(STDERR_FILENO) != 0; }

void Progress::step(const std::string &what) {
  if (!enabled_ || std::chrono::steady_clock::now() - start_ < delay_)
    return;
  std::string line = what.size() > 100 ? what.substr(0, 97) + "..." : what;
  out_ << kCr << line;
  if (line.size() < shown_)
    out_ << std::string(shown_ - line.size(), ' ') << kCr << line;
  out_.flush();
  shown_ = line.size();
}

void Progress::done() {
  if (shown_ == 0)
    return;
  out_ << kCr << std::string(shown_, ' ') << kCr;
  out_.flush();
  shown_ = 0;
}

} // namespace ww::cli
