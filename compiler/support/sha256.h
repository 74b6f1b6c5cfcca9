#pragma once
/// SHA-256 (FIPS 180-4), for stamping exported files with the hashes of their sources.

#include <string>
#include <string_view>

namespace ww {

/// The lowercase hex SHA-256 digest of data.
std::string sha256Hex(std::string_view data);

} // namespace ww
