#pragma once
/// A digest of a Z3 formula's structure, the key of a proof (verifier/proof_cache.h): the kind,
/// name and sort of every node and the value of every number, never Z3's own ids, so that the
/// same formula built in another context, another period or another run has the same digest.

#include "compiler/support/sha256.h"
#include "verifier/proof_cache.h"

#include <z3++.h>

#include <optional>
#include <unordered_map>

namespace ww::verify {

class Fingerprint {
public:
  /// The digest of `e`, or nothing for a formula with quantifiers or bound variables (never
  /// built by the encoder; such a formula is simply not cached).
  std::optional<Digest> of(const z3::expr &e);

private:
  /// By Z3's id of the node; the node is kept alive here, so that its id is not reused by
  /// another node while the digest is remembered.
  std::unordered_map<unsigned, std::pair<z3::expr, Digest>> memo_;
};

} // namespace ww::verify
