// Corpus files through libzstd's streaming decoder and nlohmann::json. See corpus.h.
#include "vi/corpus.h"

#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

namespace loa::vi {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

struct DStreamDeleter {
  void operator()(ZSTD_DStream* s) const { ZSTD_freeDStream(s); }
};

// Feeds the decompressed (or raw) bytes of `path` to `chunk` in pieces.
Status read_chunks(const std::string& path, const std::function<void(std::string_view)>& chunk) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return invalid_argument("'" + path + "' is a folder, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return not_found("cannot open '" + path + "'");
  std::vector<char> buffer(1 << 17);
  if (!ends_with(path, ".zst")) {
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      if (in.gcount() > 0) chunk({buffer.data(), static_cast<std::size_t>(in.gcount())});
    }
    return Status::ok();
  }
  std::unique_ptr<ZSTD_DStream, DStreamDeleter> stream(ZSTD_createDStream());
  ZSTD_initDStream(stream.get());
  std::vector<char> out(ZSTD_DStreamOutSize());
  std::size_t last = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    ZSTD_inBuffer input{buffer.data(), static_cast<std::size_t>(in.gcount()), 0};
    while (input.pos < input.size) {
      ZSTD_outBuffer output{out.data(), out.size(), 0};
      last = ZSTD_decompressStream(stream.get(), &output, &input);
      if (ZSTD_isError(last)) {
        return invalid_argument("'" + path +
                                "' is not valid zstd data: " + ZSTD_getErrorName(last));
      }
      chunk({out.data(), output.pos});
    }
  }
  if (last != 0) return invalid_argument("'" + path + "' ends in the middle of a zstd frame");
  return Status::ok();
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  std::string all;
  LOA_RETURN_IF_ERROR(read_chunks(path, [&](std::string_view c) { all.append(c); }));
  return all;
}

Status read_corpus(const std::string& path,
                   const std::function<void(std::string_view text)>& document) {
  std::string_view name = path;
  if (ends_with(name, ".zst")) name.remove_suffix(4);
  if (!ends_with(name, ".jsonl")) {
    auto text = read_file(path);
    if (!text) return text.status();
    document(*text);
    return Status::ok();
  }
  std::string pending;
  std::size_t line = 0;
  Status failure = Status::ok();
  const auto take_line = [&](std::string_view l) {
    ++line;
    if (!failure || l.find_first_not_of(" \t\r") == std::string_view::npos) return;
    auto json = nlohmann::json::parse(l, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("text") ||
        !json["text"].is_string()) {
      failure = invalid_argument("'" + path + "' line " + std::to_string(line) +
                                 ": not a JSON object with a string \"text\"");
      return;
    }
    document(json["text"].get_ref<const std::string&>());
  };
  LOA_RETURN_IF_ERROR(read_chunks(path, [&](std::string_view chunk) {
    std::size_t start = 0;
    for (std::size_t nl = chunk.find('\n'); nl != std::string_view::npos;
         nl = chunk.find('\n', start)) {
      if (pending.empty()) {
        take_line(chunk.substr(start, nl - start));
      } else {
        pending.append(chunk.substr(start, nl - start));
        take_line(pending);
        pending.clear();
      }
      start = nl + 1;
    }
    pending.append(chunk.substr(start));
  }));
  if (!pending.empty()) take_line(pending);
  return failure;
}

}  // namespace loa::vi
