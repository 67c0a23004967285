// File: bench/news/corpus.h
//
// Shared by the press benchmarks: failing loudly, timing, and the news corpus's articles.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "vi/corpus.h"

namespace loa::bench {

[[noreturn]] inline void die(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::exit(1);
}

template <typename T>
T check(Result<T> r) {
  if (!r) die(r.status().to_string());
  return std::move(*r);
}

inline void check(const Status& s) {
  if (!s) die(s.to_string());
}

using Steady = std::chrono::steady_clock;

inline double seconds_since(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

struct Article {
  std::string title;
  std::string text;
};

// The articles of a JSON Lines file (zstd-compressed or not), at most `limit`.
inline std::vector<Article> read_articles(const std::string& path, std::size_t limit) {
  const std::string bytes = check(vi::read_file(path));
  std::vector<Article> out;
  std::size_t pos = 0;
  while (pos < bytes.size() && out.size() < limit) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string::npos) end = bytes.size();
    const auto j =
        nlohmann::json::parse(std::string_view(bytes).substr(pos, end - pos), nullptr, false);
    pos = end + 1;
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) continue;
    out.push_back({j.value("title", ""), j["text"].get<std::string>()});
  }
  return out;
}

}  // namespace loa::bench
