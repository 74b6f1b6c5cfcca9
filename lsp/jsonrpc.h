#pragma once
/// JSON-RPC 2.0 over a byte stream with LSP's framing (`Content-Length: N\r\n\r\n` then N bytes
/// of JSON): reading messages that may be malformed without ever crashing or hanging, and
/// writing them from several threads.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace ww::lsp {

/// The most bytes one message may have; a larger one is skipped (and answered with an error).
inline constexpr std::size_t kMaxMessageBytes = std::size_t(64) << 20;

/// What reading one message gave.
struct Incoming {
  enum class Kind { Message, Malformed, TooLarge, End };
  Kind kind = Kind::End;
  nlohmann::json message; ///< Message: the parsed JSON
  std::string error;      ///< Malformed or TooLarge: why
};

/// Reads framed messages from a byte source (`read(buffer, size)` returns the bytes read, 0 at
/// the end). Header lines other than Content-Length are ignored; a message without a valid
/// Content-Length, or whose body is not JSON, is Malformed and reading goes on after it.
class Reader {
public:
  using Source = std::function<std::size_t(char *, std::size_t)>;
  explicit Reader(Source source) : source_(std::move(source)) {}
  Incoming next();

  /// The parse of one framed stream in memory (for tests and the fuzz target): every message.
  static std::vector<Incoming> all(const std::string &bytes);

private:
  bool fill();
  std::optional<std::string> line(); ///< a header line without its CR LF; none at the end
  Source source_;
  std::string buffer_;
  std::size_t at_ = 0;
  bool ended_ = false;
};

/// Writes framed messages; safe from several threads.
class Writer {
public:
  using Sink = std::function<void(const std::string &)>;
  explicit Writer(Sink sink) : sink_(std::move(sink)) {}
  void send(const nlohmann::json &message);

private:
  Sink sink_;
  std::mutex mutex_;
};

} // namespace ww::lsp
