#pragma once
/// Running one measurement in a forked child, so that its peak memory (wait4) is its own and a
/// measurement that takes too long can be stopped (alarm) without losing the ones before it;
/// and the clocks the measurements read.

#include <chrono>
#include <functional>
#include <string>

namespace ww::bench {

using Clock = std::chrono::steady_clock;

/// Seconds since t.
double since(Clock::time_point t);
/// CPU time of this process (user + system, all threads). On a shared machine this is the
/// number to compare; wall time also counts the time other jobs had the cores.
double cpuNow();
/// This process's peak resident memory so far, in KiB.
long maxRssKb();

/// Wall and CPU time of one phase.
struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = cpuNow();
  double wallSeconds() const { return since(wall); }
  double cpuSeconds() const { return cpuNow() - cpu; }
};

/// What a child did.
struct ChildResult {
  bool ok = false, timedOut = false;
  double wall = 0, cpu = 0; ///< the child's wall clock and user + system time
  long peakRssKb = 0;
  std::string text;    ///< what work() returned
  std::string failure; ///< when not ok: stopped, crashed or failed
};

/// Runs work() in a child stopped after maxSeconds.
ChildResult runChild(const std::function<std::string()> &work, int maxSeconds);

} // namespace ww::bench
