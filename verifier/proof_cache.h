#pragma once
/// Results of proofs, kept by what they depend on, so that no proof is solved twice: within a
/// run (across periods, across rulesets that extend one module, across both sides of a diff)
/// and across runs (on disk).
///
/// A key is a digest of exactly what was asked (verifier/z3/fingerprint.h: the query's
/// formula and everything asserted before it, structurally, with the solver's limits, the
/// tool's version and Z3's version), so that reuse can never turn a red into a green: a
/// different question has a different key. Only decided answers are kept (sat, with the
/// model's values, or unsat): an undecided call is solved again.
///
/// On disk (`--cache DIR`): a folder of pack files, each written whole under a temporary name
/// and renamed into place, so that several processes may fill one folder at once and a reader
/// never sees half a file. A pack carries the versions it was written by and a checksum; a pack
/// that is corrupt, truncated or of another version is ignored (and counted). The folder is
/// kept under a size bound: when it grows past it, the packs are merged into one, oldest
/// entries dropped first.

#include "compiler/support/sha256.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ww::verify {

/// The digest of several digests, and a text, in order: how keys are made of their parts.
Digest combine(const std::vector<Digest> &parts, const std::string &text = "");

/// A decided answer, as the cache keeps it.
struct CachedAnswer {
  bool sat = false;
  bool hasModel = false;
  /// The model's constants: name, whether Boolean (else integer), value as text.
  struct Value {
    std::string name;
    bool boolean = false;
    std::string value;
  };
  std::vector<Value> model;
  /// Read from disk (decided by an earlier run), not decided in this one. A run's records say
  /// "reused" only for these: what this run decided on another thread first is shared too, but
  /// which thread came first must not change the report.
  bool earlier = false;
};

/// How a run used the cache.
struct CacheStats {
  std::size_t queryHits = 0, queryMisses = 0, jobHits = 0, jobMisses = 0;
  std::size_t loadedEntries = 0, ignoredPacks = 0, writtenEntries = 0;
  /// Of the ignored packs, those written by another version: normal after an upgrade, so not
  /// among `notes` (the command line says it with `--verbose`).
  std::size_t otherVersionPacks = 0;
  std::vector<std::string> notes; ///< what was ignored, and why
};

class ProofCache {
public:
  /// An in-memory cache; with `dir`, also the packs found there (read now, written by flush).
  explicit ProofCache(std::optional<std::filesystem::path> dir = std::nullopt,
                      std::size_t maxBytes = std::size_t(256) << 20);
  /// Flushes what was added.
  ~ProofCache();
  ProofCache(const ProofCache &) = delete;
  ProofCache &operator=(const ProofCache &) = delete;

  /// The version stamp every key includes: this tool's and Z3's versions.
  static const std::string &versions();

  std::optional<CachedAnswer> findQuery(const Digest &key);
  void storeQuery(const Digest &key, const CachedAnswer &answer);

  /// A whole job's result (a ruleset period's findings and records), as text the engine writes
  /// and reads back. `earlier`, when given, says whether it was decided by an earlier run (read
  /// from disk) rather than stored by this one.
  std::optional<std::string> findJob(const Digest &key, bool *earlier = nullptr);
  void storeJob(const Digest &key, const std::string &result);

  /// Writes what this run added as one new pack (nothing without a folder or when nothing was
  /// added), then keeps the folder under its size bound.
  void flush();

  CacheStats stats() const;
  /// Answers and job results held in memory (a long-running process starts a new cache when
  /// this grows too large).
  std::size_t entries() const;

private:
  void readPacks();
  void compact();

  std::optional<std::filesystem::path> dir_;
  std::size_t maxBytes_;
  mutable std::mutex mutex_;
  std::map<Digest, CachedAnswer> queries_;
  std::map<Digest, std::string> jobs_;
  std::vector<Digest> newQueries_, newJobs_;
  std::vector<std::filesystem::path> packsRead_;
  CacheStats stats_;
};

} // namespace ww::verify
