// The compact export (`wegwijzer export --compact`, format wegwijzer-compact/1): every value
// that occurs more than once in the document (a text, a citation, an outcome, a question that
// stays the same from period to period, a leaf shared by trees) is stored once, in `shared`,
// and written `{"$": k}` where it occurs. The runtimes (runtime/js, runtime/python) expand it
// back to exactly the document it was made from. See docs/export.md.

#include "compiler/export/to_json.h"

#include <map>
#include <string>

namespace ww::exp {
namespace {

std::string canonical(const nlohmann::json &v) {
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Worth sharing: a string, array or object longer than a reference to it.
bool shareable(const nlohmann::json &v, const std::string &text) {
  return (v.is_string() || v.is_array() || v.is_object()) && text.size() > 12;
}

void count(const nlohmann::json &v, std::map<std::string, int> &seen) {
  if (v.is_array() || v.is_object())
    for (const auto &child : v)
      count(child, seen);
  std::string text = canonical(v);
  if (shareable(v, text))
    ++seen[text];
}

// v with every value that occurs more than once replaced by a reference, children first.
nlohmann::json replace(const nlohmann::json &v, const std::map<std::string, int> &seen,
                       std::map<std::string, std::size_t> &index, nlohmann::json &shared,
                       bool top) {
  nlohmann::json out = v;
  if (v.is_object())
    for (auto it = v.begin(); it != v.end(); ++it)
      out[it.key()] = replace(it.value(), seen, index, shared, false);
  else if (v.is_array())
    for (std::size_t i = 0; i < v.size(); ++i)
      out[i] = replace(v[i], seen, index, shared, false);
  if (top)
    return out;
  std::string text = canonical(v);
  auto it = seen.find(text);
  if (it == seen.end() || it->second < 2)
    return out;
  auto [at, fresh] = index.emplace(text, shared.size());
  if (fresh)
    shared.push_back(std::move(out));
  return nlohmann::json{{"$", at->second}};
}

} // namespace

nlohmann::json toCompact(const nlohmann::json &doc) {
  std::map<std::string, int> seen;
  count(doc, seen);
  std::map<std::string, std::size_t> index;
  nlohmann::json shared = nlohmann::json::array();
  nlohmann::json document = replace(doc, seen, index, shared, true);
  return {{"format", "wegwijzer-compact/1"}, {"shared", shared}, {"document", document}};
}

} // namespace ww::exp
