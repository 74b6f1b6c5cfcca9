#include "compiler/export/to_json.h"

#include <stdexcept>

namespace ww::exp {

std::string toHtml(const nlohmann::json&) { throw std::runtime_error("format not written yet"); }

} // namespace ww::exp
