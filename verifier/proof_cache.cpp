#include "verifier/proof_cache.h"

#include "compiler/support/i18n.h"
#include "compiler/support/version.h"

#include <fmt/format.h>
#include <z3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ww::verify {
namespace {

constexpr const char *kMagic = "wegwijzer-proofs 1";
constexpr const char *kOtherVersion = "written by another version";

// A name as one word: bytes outside the printable range, spaces and backslashes as \xHH.
std::string escapeWord(const std::string &s) {
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == '\\' || c >= 0x7f)
      out += fmt::format("\\x{:02x}", c);
    else
      out += ch;
  }
  return out.empty() ? std::string("\\x") : out;
}

std::optional<std::string> unescapeWord(const std::string &s) {
  if (s == "\\x")
    return std::string();
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (i + 3 >= s.size() || s[i + 1] != 'x')
      return std::nullopt;
    std::string hexDigits = s.substr(i + 2, 2);
    if (hexDigits.size() != 2 || !std::isxdigit(static_cast<unsigned char>(hexDigits[0])) ||
        !std::isxdigit(static_cast<unsigned char>(hexDigits[1])))
      return std::nullopt;
    out += static_cast<char>(std::stoi(hexDigits, nullptr, 16));
    i += 3;
  }
  return out;
}

std::optional<Digest> parseDigest(const std::string &h) {
  if (h.size() != 64)
    return std::nullopt;
  Digest d{};
  for (std::size_t i = 0; i < 32; ++i) {
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9')
        return c - '0';
      if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
      return -1;
    };
    int a = nibble(h[2 * i]), b = nibble(h[2 * i + 1]);
    if (a < 0 || b < 0)
      return std::nullopt;
    d[i] = static_cast<std::uint8_t>(a * 16 + b);
  }
  return d;
}

// This binary: its size and time of change, so that a rebuilt tool does not trust the results
// of the one before (a job's findings depend on the tool's code, not only on its version).
std::string binaryIdentity() {
  struct stat st {};
  if (::stat("/proc/self/exe", &st) != 0)
    return "unknown";
  return fmt::format("{}-{}.{}", st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

struct Pack {
  std::map<Digest, CachedAnswer> queries;
  std::map<Digest, std::string> jobs;
};

// Reads one pack; nothing when it is not whole, not ours, or of other versions (`why` says).
std::optional<Pack> readPack(const fs::path &path, std::string &why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = tr("verifier.cache.unreadable");
    return std::nullopt;
  }
  // A pack of another version is known by its first two lines: not read further (after every
  // upgrade or rebuild the folder holds such packs until they are a day old, and reading them
  // whole cost more than the check of a small ruleset). Whatever such a pack holds, it is ignored.
  {
    std::string magic, versions;
    if (std::getline(in, magic) && magic == kMagic && std::getline(in, versions) &&
        versions.rfind("versions ", 0) == 0 && versions != "versions " + ProofCache::versions()) {
      why = kOtherVersion;
      return std::nullopt;
    }
    in.clear();
    in.seekg(0);
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t endAt = text.rfind("\nend ");
  if (endAt == std::string::npos || text.empty() || text.back() != '\n') {
    why = tr("verifier.cache.truncated");
    return std::nullopt;
  }
  std::string body = text.substr(0, endAt + 1);
  std::istringstream endLine(text.substr(endAt + 5));
  std::size_t count = 0;
  std::string sum;
  endLine >> count >> sum;
  if (sum != sha256Hex(body)) {
    why = tr("verifier.cache.checksum");
    return std::nullopt;
  }
  std::istringstream lines(body);
  std::string line;
  if (!std::getline(lines, line) || line != kMagic) {
    why = tr("verifier.cache.format");
    return std::nullopt;
  }
  if (!std::getline(lines, line) || line != "versions " + ProofCache::versions()) {
    why = kOtherVersion;
    return std::nullopt;
  }
  Pack pack;
  std::size_t records = 0;
  while (std::getline(lines, line)) {
    std::istringstream head(line);
    std::string kind, key;
    head >> kind >> key;
    auto digest = parseDigest(key);
    if (!digest) {
      why = tr("verifier.cache.bad_key");
      return std::nullopt;
    }
    if (kind == "Q") {
      std::string answer;
      int hasModel = 0;
      std::size_t n = 0;
      head >> answer >> hasModel >> n;
      if (!head || (answer != "S" && answer != "U") || n > 1000000) {
        why = tr("verifier.cache.bad_record");
        return std::nullopt;
      }
      CachedAnswer a;
      a.sat = answer == "S";
      a.hasModel = hasModel != 0;
      a.earlier = true;
      for (std::size_t i = 0; i < n; ++i) {
        std::string valueLine;
        if (!std::getline(lines, valueLine)) {
          why = tr("verifier.cache.truncated");
          return std::nullopt;
        }
        std::istringstream v(valueLine);
        std::string sort, name, value;
        v >> sort >> name >> value;
        auto unescaped = unescapeWord(name);
        if (!v || (sort != "b" && sort != "i") || !unescaped) {
          why = tr("verifier.cache.bad_value");
          return std::nullopt;
        }
        a.model.push_back({*unescaped, sort == "b", value});
      }
      pack.queries[*digest] = std::move(a);
    } else if (kind == "J") {
      std::size_t bytes = 0;
      head >> bytes;
      std::string result(bytes, '\0');
      if (!head || !lines.read(result.data(), static_cast<std::streamsize>(bytes)) ||
          lines.get() != '\n') {
        why = tr("verifier.cache.truncated");
        return std::nullopt;
      }
      pack.jobs[*digest] = std::move(result);
    } else {
      why = tr("verifier.cache.unknown_record");
      return std::nullopt;
    }
    ++records;
  }
  if (records != count) {
    why = tr("verifier.cache.count");
    return std::nullopt;
  }
  return pack;
}

std::string packText(const std::map<Digest, CachedAnswer> &queries,
                     const std::map<Digest, std::string> &jobs) {
  std::string body = std::string(kMagic) + "\nversions " + ProofCache::versions() + "\n";
  for (const auto &[key, a] : queries) {
    body += fmt::format("Q {} {} {} {}\n", hex(key), a.sat ? "S" : "U", a.hasModel ? 1 : 0,
                        a.model.size());
    for (const auto &v : a.model)
      body += fmt::format("{} {} {}\n", v.boolean ? "b" : "i", escapeWord(v.name), v.value);
  }
  for (const auto &[key, result] : jobs)
    body += fmt::format("J {} {}\n{}\n", hex(key), result.size(), result);
  return body + fmt::format("end {} {}\n", queries.size() + jobs.size(), sha256Hex(body));
}

// Writes a pack under a temporary name and renames it into place: readers see all or nothing.
bool writePack(const fs::path &dir, const std::string &text, fs::path &written) {
  static std::atomic<unsigned> counter{0};
  auto now = std::chrono::system_clock::now().time_since_epoch().count();
  std::string name = fmt::format("{:020}-{}-{}", now, ::getpid(), counter++);
  fs::path tmp = dir / (name + ".tmp"), final = dir / (name + ".pack");
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out)
      return false;
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, final, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return false;
  }
  written = final;
  return true;
}

} // namespace

Digest combine(const std::vector<Digest> &parts, const std::string &text) {
  Sha256 h;
  h.update(text).update(std::string_view("\0", 1));
  for (const Digest &d : parts)
    h.update(std::string_view(reinterpret_cast<const char *>(d.data()), d.size()));
  return h.finish();
}

const std::string &ProofCache::versions() {
  static const std::string v = [] {
    unsigned major = 0, minor = 0, build = 0, revision = 0;
    Z3_get_version(&major, &minor, &build, &revision);
    return fmt::format("wegwijzer-{}-{} z3-{}.{}.{}.{}", kVersion, binaryIdentity(), major, minor,
                       build, revision);
  }();
  return v;
}

ProofCache::ProofCache(std::optional<fs::path> dir, std::size_t maxBytes)
    : dir_(std::move(dir)), maxBytes_(maxBytes) {
  if (!dir_)
    return;
  std::error_code ec;
  fs::create_directories(*dir_, ec);
  if (ec || !fs::is_directory(*dir_, ec)) {
    stats_.notes.push_back(
        tr("verifier.cache.folder", {{"folder", dir_->string()}}));
    dir_.reset();
    return;
  }
  readPacks();
}

ProofCache::~ProofCache() {
  try {
    flush();
  } catch (...) {
    // A cache that cannot be written only means the next run solves again.
  }
}

void ProofCache::readPacks() {
  std::error_code ec;
  std::vector<fs::path> packs;
  for (fs::directory_iterator it(*dir_, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".pack")
      packs.push_back(it->path());
  std::sort(packs.begin(), packs.end());
  std::size_t otherVersion = 0;
  for (const fs::path &p : packs) {
    std::string why;
    std::optional<Pack> pack = readPack(p, why);
    if (!pack && why == kOtherVersion) {
      // Normal after an upgrade (or a rebuild): counted, and removed once a day old (another version of
      // the tool may still be using it).
      ++stats_.ignoredPacks;
      ++otherVersion;
      auto age = fs::file_time_type::clock::now() - fs::last_write_time(p, ec);
      if (!ec && age > std::chrono::hours(24))
        fs::remove(p, ec);
      continue;
    }
    if (!pack) {
      ++stats_.ignoredPacks;
      stats_.notes.push_back(
          tr("verifier.cache.pack_ignored", {{"name", p.filename().string()}, {"why", why}}));
      continue;
    }
    packsRead_.push_back(p);
    stats_.loadedEntries += pack->queries.size() + pack->jobs.size();
    queries_.merge(pack->queries);
    jobs_.merge(pack->jobs);
  }
  stats_.otherVersionPacks = otherVersion;
}

std::optional<CachedAnswer> ProofCache::findQuery(const Digest &key) {
  std::lock_guard lock(mutex_);
  auto it = queries_.find(key);
  if (it == queries_.end()) {
    ++stats_.queryMisses;
    return std::nullopt;
  }
  ++stats_.queryHits;
  return it->second;
}

void ProofCache::storeQuery(const Digest &key, const CachedAnswer &answer) {
  std::lock_guard lock(mutex_);
  CachedAnswer decided = answer;
  decided.earlier = false;
  auto [it, fresh] = queries_.try_emplace(key, decided);
  if (fresh)
    newQueries_.push_back(key);
  else if (decided.hasModel && !it->second.hasModel)
    it->second = decided, newQueries_.push_back(key);
}

std::optional<std::string> ProofCache::findJob(const Digest &key, bool *earlier) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(key);
  if (it == jobs_.end()) {
    ++stats_.jobMisses;
    return std::nullopt;
  }
  ++stats_.jobHits;
  if (earlier)
    *earlier = std::find(newJobs_.begin(), newJobs_.end(), key) == newJobs_.end();
  return it->second;
}

void ProofCache::storeJob(const Digest &key, const std::string &result) {
  std::lock_guard lock(mutex_);
  if (jobs_.try_emplace(key, result).second)
    newJobs_.push_back(key);
}

std::size_t ProofCache::entries() const {
  std::lock_guard lock(mutex_);
  return queries_.size() + jobs_.size();
}

void ProofCache::flush() {
  std::lock_guard lock(mutex_);
  if (!dir_ || (newQueries_.empty() && newJobs_.empty()))
    return;
  std::map<Digest, CachedAnswer> queries;
  std::map<Digest, std::string> jobs;
  for (const Digest &k : newQueries_)
    queries[k] = queries_[k];
  for (const Digest &k : newJobs_)
    jobs[k] = jobs_[k];
  fs::path written;
  if (writePack(*dir_, packText(queries, jobs), written)) {
    stats_.writtenEntries += queries.size() + jobs.size();
    packsRead_.push_back(written);
  }
  newQueries_.clear();
  newJobs_.clear();
  compact();
}

// Past the size bound, or with many packs, the packs this process has read or written are
// merged into one (the newest entries kept first while they fit under three quarters of the
// bound); packs other processes write meanwhile are left alone.
void ProofCache::compact() {
  std::error_code ec;
  std::uintmax_t total = 0;
  for (const fs::path &p : packsRead_)
    total += fs::file_size(p, ec);
  if (total <= maxBytes_ && packsRead_.size() <= 32)
    return;
  std::map<Digest, CachedAnswer> queries;
  std::map<Digest, std::string> jobs;
  std::size_t budget = maxBytes_ / 4 * 3, used = 0;
  for (auto it = packsRead_.rbegin(); it != packsRead_.rend(); ++it) {
    std::string why;
    std::optional<Pack> pack = readPack(*it, why);
    std::uintmax_t size = fs::file_size(*it, ec);
    if (!pack || used + size > budget)
      continue;
    used += size;
    pack->queries.merge(queries);
    queries.swap(pack->queries);
    pack->jobs.merge(jobs);
    jobs.swap(pack->jobs);
  }
  fs::path written;
  if (!writePack(*dir_, packText(queries, jobs), written))
    return;
  for (const fs::path &p : packsRead_)
    fs::remove(p, ec);
  packsRead_ = {written};
}

CacheStats ProofCache::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

} // namespace ww::verify
