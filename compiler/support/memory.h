#pragma once
/// How the process keeps the memory it frees (docs/performance.md, "Memory kept for the next
/// solver").

#include <malloc.h>

namespace ww {

/// Keeps freed memory for the next allocation instead of returning it to the system: every Z3
/// context allocates two tables of about 8.5 MB, which glibc would map afresh for each context
/// (large blocks are mapped, and unmapped when freed) and the kernel would zero page by page;
/// after the edit of one rule that was a quarter of the run. Blocks up to 64 MB come from the
/// heap, and up to 512 MB of freed memory stays with the process. The peak memory is the same.
/// Called once, first thing in main (the command line and the benchmarks).
inline void keepFreedMemory() {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

} // namespace ww
