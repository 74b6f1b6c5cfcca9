#pragma once
/// The documented limits of the language (docs/language.md#limits). Input beyond them gets a
/// located error (E0004, E0007) instead of unbounded time or memory.

#include <cstddef>
#include <cstdint>

namespace ww {

/// The largest rule file read, in bytes (16 MiB).
inline constexpr std::size_t kMaxFileBytes = std::size_t(16) << 20;
/// The most questions in one ruleset or module, its modules included.
inline constexpr std::size_t kMaxQuestions = 10000;
/// The most answers of one `one of` question.
inline constexpr std::size_t kMaxAnswers = 1000;
/// The most rules in one ruleset or module, its modules included.
inline constexpr std::size_t kMaxRules = 10000;
/// The most defines in one ruleset or module, its modules included.
inline constexpr std::size_t kMaxDefines = 100000;

} // namespace ww
