// File: vi/corpus.h
//
// Reading training text: plain UTF-8 files (.txt, .md) and JSON-lines files with a "text"
// field (.jsonl), either of them optionally compressed with zstd (.zst), as the shared corpus
// ships them. Documents are handed over one at a time so memory stays bounded.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace loa::vi {

// Calls `document` with the text of every document in `path`: the whole file for .txt/.md,
// the "text" of each line for .jsonl. A line that is not a JSON object with a string "text"
// is an error naming the file and line.
Status read_corpus(const std::string& path,
                   const std::function<void(std::string_view text)>& document);

// The whole content of `path`, decompressed if it ends in .zst.
Result<std::string> read_file(const std::string& path);

}  // namespace loa::vi
