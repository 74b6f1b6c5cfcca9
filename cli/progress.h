#pragma once
/// What a long run is doing, on a terminal: after the first second, one line on standard error
/// that is rewritten in place (`checking `huisarts`, from 2015-01-01 until 2018-05-25 (3 of
/// 55)`), and wiped when the run ends. Never on a stream that is not a terminal, so that
/// output captured by CI or by a golden test stays the same.

#include <chrono>
#include <ostream>
#include <string>

namespace ww::cli {

class Progress {
public:
  /// Shows progress on `out` when `enabled`, once `delay` has passed since construction.
  Progress(std::ostream &out, bool enabled,
           std::chrono::milliseconds delay = std::chrono::milliseconds(1000));
  ~Progress();
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  /// Progress on standard error, when it is a terminal.
  static bool stderrIsTerminal();

  /// The step now running; shown (in place of the last) once the delay has passed.
  void step(const std::string &what);
  /// Wipes the line, if one was shown.
  void done();

private:
  std::ostream &out_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::milliseconds delay_;
  std::size_t shown_ = 0; ///< the width of the line on screen; 0 when none
};

} // namespace ww::cli
