// File: work/sources.h
//
// Managing where the press comes from: an outlet's feeds, news sitemaps and section pages.
// Input is checked and named when wrong; every change is audited in its transaction.
//
//   auto id = work::add_source(db, clock, Actor::command_line(),
//                              {.name = "Báo Hải Phòng – Thời sự",
//                               .url = "https://baohaiphong.vn/rss/thoi-su.rss"});
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "work/audit.h"

namespace loa::work {

struct SourceInput {
  std::string name{};
  std::string url{};
  std::string kind = "feed";  // feed | sitemap | page
  std::string language = "vi";
  int poll_seconds = 900;  // 60 … 86400
  std::optional<std::int64_t> organisation_id{};
};

// invalid_argument names the field; already_exists when the address is a source already;
// not_found when the organisation does not exist.
Result<std::int64_t> add_source(store::Database& db, const Clock& clock, const Actor& actor,
                                const SourceInput& input);

// Asks for the source to be polled at the next look for due sources (within --poll-every
// seconds), whatever its interval says. not_found for no such source. Audited.
Status poll_source_soon(store::Database& db, const Clock& clock, const Actor& actor,
                        std::int64_t source_id);

}  // namespace loa::work
