#include "lsp/jsonrpc.h"

#include <algorithm>
#include <cctype>

namespace ww::lsp {

bool Reader::fill() {
  if (ended_)
    return false;
  if (at_ > 0 && at_ >= buffer_.size() / 2) {
    buffer_.erase(0, at_);
    at_ = 0;
  }
  char chunk[65536];
  std::size_t n = source_(chunk, sizeof chunk);
  if (n == 0) {
    ended_ = true;
    return false;
  }
  buffer_.append(chunk, n);
  return true;
}

std::optional<std::string> Reader::line() {
  while (true) {
    std::size_t nl = buffer_.find('\n', at_);
    if (nl != std::string::npos) {
      std::string out = buffer_.substr(at_, nl - at_);
      at_ = nl + 1;
      if (!out.empty() && out.back() == '\r')
        out.pop_back();
      return out;
    }
    // A header line is short: a long one without an end is not a header.
    if (buffer_.size() - at_ > 8192) {
      at_ = buffer_.size();
      return std::string("\x01");
    }
    if (!fill())
      return std::nullopt;
  }
}

Incoming Reader::next() {
  Incoming in;
  std::optional<std::size_t> length;
  bool bad = false, any = false;
  while (true) {
    std::optional<std::string> l = line();
    if (!l) {
      in.kind = any ? Incoming::Kind::Malformed : Incoming::Kind::End;
      in.error = "the stream ended inside the headers";
      return in;
    }
    if (l->empty()) {
      if (!any)
        continue; // blank lines between messages
      break;
    }
    any = true;
    std::size_t colon = l->find(':');
    if (colon == std::string::npos) {
      bad = true;
      continue;
    }
    std::string name = l->substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name != "content-length")
      continue;
    std::string value = l->substr(colon + 1);
    std::size_t i = value.find_first_not_of(" \t");
    std::size_t n = 0;
    bool digits = i != std::string::npos;
    for (; i != std::string::npos && i < value.size() && digits; ++i) {
      char c = value[i];
      if (c == ' ' || c == '\t')
        break;
      if (c < '0' || c > '9' || n > kMaxMessageBytes * 10) {
        digits = false;
        break;
      }
      n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (digits)
      length = n;
    else
      bad = true;
  }
  if (!length || bad) {
    in.kind = Incoming::Kind::Malformed;
    in.error = "a message without a valid Content-Length header";
    return in;
  }
  if (*length > kMaxMessageBytes) {
    // Skip its body without keeping it.
    std::size_t left = *length;
    while (left > 0) {
      if (at_ == buffer_.size() && !fill())
        break;
      std::size_t take = std::min(left, buffer_.size() - at_);
      at_ += take;
      left -= take;
    }
    in.kind = Incoming::Kind::TooLarge;
    in.error = "a message larger than the limit";
    return in;
  }
  while (buffer_.size() - at_ < *length)
    if (!fill()) {
      in.kind = Incoming::Kind::Malformed;
      in.error = "the stream ended inside a message";
      at_ = buffer_.size();
      return in;
    }
  std::string body = buffer_.substr(at_, *length);
  at_ += *length;
  try {
    in.message = nlohmann::json::parse(body);
    in.kind = Incoming::Kind::Message;
  } catch (const nlohmann::json::exception &e) {
    in.kind = Incoming::Kind::Malformed;
    in.error = std::string("the body is not JSON: ") + e.what();
  }
  return in;
}

std::vector<Incoming> Reader::all(const std::string &bytes) {
  std::size_t offset = 0;
  Reader r([&](char *out, std::size_t size) {
    std::size_t n = std::min(size, bytes.size() - offset);
    std::copy(bytes.data() + offset, bytes.data() + offset + n, out);
    offset += n;
    return n;
  });
  std::vector<Incoming> out;
  while (true) {
    Incoming in = r.next();
    if (in.kind == Incoming::Kind::End)
      break;
    out.push_back(std::move(in));
    if (out.size() > 100000)
      break;
  }
  return out;
}

void Writer::send(const nlohmann::json &message) {
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string framed = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  std::lock_guard lock(mutex_);
  sink_(framed);
}

} // namespace ww::lsp
