#include "verifier/z3/fingerprint.h"

#include <vector>

namespace ww::verify {

namespace {

// A node's own part of the digest: what kind of node, its operator (by Z3's kind; by name for
// a constant of ours), its sort (Bool or Int) and its number of arguments.
void head(Sha256 &h, Z3_context c, Z3_app app, Z3_sort sort, unsigned n) {
  Z3_func_decl decl = Z3_get_app_decl(c, app);
  auto kind = static_cast<std::uint32_t>(Z3_get_decl_kind(c, decl));
  auto sortKind = static_cast<std::uint32_t>(Z3_get_sort_kind(c, sort));
  std::uint32_t words[4] = {0x41505021u, kind, sortKind, n};
  h.update(std::string_view(reinterpret_cast<const char *>(words), sizeof words));
  if (kind == Z3_OP_UNINTERPRETED) {
    // Z3's string is overwritten by its next call: copied before anything else is asked.
    std::string name = Z3_get_symbol_string(c, Z3_get_decl_name(c, decl));
    h.update(name).update(std::string_view("\0", 1));
  }
}

} // namespace

std::optional<Digest> Fingerprint::of(const z3::expr &root) {
  // Depth first, children before their parent, with an explicit stack (formulas can be deep).
  std::vector<std::pair<z3::expr, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [e, expanded] = stack.back();
    unsigned id = e.id();
    if (memo_.count(id)) {
      stack.pop_back();
      continue;
    }
    Z3_context c = e.ctx();
    Z3_ast_kind kind = Z3_get_ast_kind(c, e);
    Z3_sort sort = Z3_get_sort(c, e);
    if (kind == Z3_NUMERAL_AST) {
      // Z3's string is overwritten by its next call: copied before anything else is asked.
      std::string value = Z3_get_numeral_string(c, e);
      auto sortKind = static_cast<std::uint32_t>(Z3_get_sort_kind(c, sort));
      Sha256 h;
      h.update("N").update(std::string_view(reinterpret_cast<const char *>(&sortKind), 4));
      h.update(value);
      memo_.emplace(id, std::make_pair(e, h.finish()));
      stack.pop_back();
      continue;
    }
    auto sortKind = Z3_get_sort_kind(c, sort);
    if (kind != Z3_APP_AST || (sortKind != Z3_BOOL_SORT && sortKind != Z3_INT_SORT))
      return std::nullopt;
    Z3_app app = Z3_to_app(c, e);
    unsigned n = Z3_get_app_num_args(c, app);
    if (!expanded) {
      stack.back().second = true;
      for (unsigned i = n; i-- > 0;)
        if (!memo_.count(Z3_get_ast_id(c, Z3_get_app_arg(c, app, i))))
          stack.push_back({z3::expr(e.ctx(), Z3_get_app_arg(c, app, i)), false});
      continue;
    }
    Sha256 h;
    head(h, c, app, sort, n);
    for (unsigned i = 0; i < n; ++i) {
      const Digest &child = memo_.at(Z3_get_ast_id(c, Z3_get_app_arg(c, app, i))).second;
      h.update(std::string_view(reinterpret_cast<const char *>(child.data()), child.size()));
    }
    memo_.emplace(id, std::make_pair(e, h.finish()));
    stack.pop_back();
  }
  return memo_.at(root.id()).second;
}

} // namespace ww::verify
