// The language server's input: any bytes as the stream an editor writes (fuzz/README.md).
// The JSON-RPC reader must give every message, a malformed one or the end, and never crash or
// loop; positions and URIs made of the same bytes must convert both ways.
#include "lsp/jsonrpc.h"
#include "lsp/text.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  std::vector<ww::lsp::Incoming> all = ww::lsp::Reader::all(bytes);
  // Each message takes at least its header: there are never more messages than bytes.
  if (all.size() > size + 1)
    std::abort();
  // Read in pieces of 1 to 7 bytes, the same messages come out.
  std::size_t at = 0, step = 1;
  ww::lsp::Reader pieces([&](char *buffer, std::size_t max) -> std::size_t {
    std::size_t n = std::min({max, step, bytes.size() - at});
    std::copy(bytes.begin() + static_cast<std::ptrdiff_t>(at),
              bytes.begin() + static_cast<std::ptrdiff_t>(at + n), buffer);
    at += n;
    step = step % 7 + 1;
    return n;
  });
  for (const ww::lsp::Incoming &expected : all) {
    ww::lsp::Incoming got = pieces.next();
    if (got.kind != expected.kind || got.message != expected.message)
      std::abort();
  }
  // Positions: every offset's position leads back to that offset (or to the start of the
  // UTF-8 sequence it is inside); the line map agrees with the plain functions.
  ww::lsp::LineMap map(bytes);
  for (std::size_t i = 0; i <= bytes.size() && i < 512; ++i) {
    ww::lsp::Position p = ww::lsp::positionOf(bytes, i);
    ww::lsp::Position q = map.positionOf(i);
    if (p.line != q.line || p.character != q.character)
      std::abort();
    std::size_t back = ww::lsp::offsetOf(bytes, p);
    if (back > i || map.offsetOf(p) != back)
      std::abort();
  }
  std::string path = ww::lsp::uriToPath(bytes);
  if (!path.empty() && path[0] == '/' && path.find('\0') == std::string::npos &&
      path.find("/./") == std::string::npos && path.find("/../") == std::string::npos &&
      path.find("//") == std::string::npos && path.back() != '/' && path.size() < 4096 &&
      (path.size() < 2 || path.substr(path.size() - 2) != "/.") &&
      (path.size() < 3 || path.substr(path.size() - 3) != "/.."))
    if (ww::lsp::uriToPath(ww::lsp::pathToUri(path)) != path)
      std::abort();
  return 0;
}
