#pragma once
/// Running independent pieces of work on a few threads, with a result that does not depend on
/// their number: each piece writes only its own slot.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ww {

/// Calls `work(i)` for every i in [0, count) on up to `threads` threads (0: one per core), in
/// increasing order of i per thread; `started(i)`, when given, is called one call at a time
/// just before `work(i)`. An exception thrown by a piece is rethrown here (the first by index)
/// once every piece has ended.
inline void parallelFor(std::size_t count, unsigned threads,
                        const std::function<void(std::size_t)> &work,
                        const std::function<void(std::size_t)> &started = {}) {
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::exception_ptr> failed(count);
  std::mutex startMutex;
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t i; (i = next++) < count;) {
      if (started) {
        std::lock_guard lock(startMutex);
        started(i);
      }
      try {
        work(i);
      } catch (...) {
        failed[i] = std::current_exception();
      }
    }
  };
  std::size_t n = std::min<std::size_t>(threads, count);
  if (n <= 1) {
    run();
  } else {
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < n; ++t)
      pool.emplace_back(run);
    for (std::thread &t : pool)
      t.join();
  }
  for (const std::exception_ptr &e : failed)
    if (e)
      std::rethrow_exception(e);
}

} // namespace ww
