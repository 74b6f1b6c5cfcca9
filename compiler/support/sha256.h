#pragma once
/// SHA-256 (FIPS 180-4): the hashes of exported files' sources, and the keys of decided proofs.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ww {

using Digest = std::array<std::uint8_t, 32>;

/// SHA-256 (FIPS 180-4) of data given in parts.
class Sha256 {
public:
  Sha256();
  Sha256 &update(std::string_view data);
  /// The digest of everything given; the hasher is not to be used after.
  Digest finish();

private:
  void block(const std::uint8_t *p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t used_ = 0;
  std::uint64_t length_ = 0;
};

/// The SHA-256 digest of data.
Digest sha256(std::string_view data);

/// The lowercase hex SHA-256 digest of data.
std::string sha256Hex(std::string_view data);

/// A digest in lowercase hex.
std::string hex(const Digest &digest);

} // namespace ww
