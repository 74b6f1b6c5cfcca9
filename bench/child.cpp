#include "bench/child.h"

#include <fmt/format.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <iostream>

namespace ww::bench {

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double cpuNow() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

long maxRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

ChildResult runChild(const std::function<std::string()> &work, int maxSeconds) {
  ChildResult out;
  int fds[2];
  if (pipe(fds) != 0) {
    out.failure = "pipe failed";
    return out;
  }
  std::cout.flush();
  std::cerr.flush();
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid < 0) {
    out.failure = "fork failed";
    return out;
  }
  if (pid == 0) {
    close(fds[0]);
    alarm(static_cast<unsigned>(maxSeconds));
    std::string text = work();
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0)
        _exit(3);
      done += static_cast<std::size_t>(n);
    }
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0)
    out.text.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  rusage u{};
  wait4(pid, &status, 0, &u);
  out.wall = since(start);
  out.peakRssKb = u.ru_maxrss;
  out.cpu = static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
            static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  if (WIFSIGNALED(status)) {
    out.timedOut = WTERMSIG(status) == SIGALRM;
    out.failure = out.timedOut ? fmt::format("stopped after {} s", maxSeconds)
                               : fmt::format("crashed (signal {})", WTERMSIG(status));
    return out;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    out.failure = fmt::format("failed (exit {})", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return out;
  }
  out.ok = true;
  return out;
}

} // namespace ww::bench
