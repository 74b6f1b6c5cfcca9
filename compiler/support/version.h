#pragma once
/// The tool's version, reported by `--version` and stamped into exports.

namespace ww {
inline constexpr const char *kVersion = "0.1.0";
} // namespace ww
