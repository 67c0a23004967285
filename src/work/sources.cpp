// Adding sources. See sources.h.
#include "work/sources.h"

#include <nlohmann/json.hpp>

#include "news/url.h"
#include "store/sources.h"
#include "vi/text.h"

namespace loa::work {

Result<std::int64_t> add_source(store::Database& db, const Clock& clock, const Actor& actor,
                                const SourceInput& in) {
  auto name = vi::normalize(in.name);
  if (!name) return invalid_argument("name: " + name.status().message());
  if (name->empty()) return invalid_argument("name is empty");
  if (name->size() > 400) return invalid_argument("name is longer than 400 bytes");
  // Stored as given (a feed's address may need its exact query), checked as http(s).
  if (!news::canonical_url(in.url) || in.url.size() > 4000)
    return invalid_argument("url '" + in.url + "' is not an http(s) address");
  if (in.kind != "feed" && in.kind != "sitemap" && in.kind != "page")
    return invalid_argument("kind '" + in.kind + "' is not one of feed, sitemap, page");
  if (in.poll_seconds < 60 || in.poll_seconds > 86400)
    return invalid_argument("poll interval " + std::to_string(in.poll_seconds) +
                            " s is outside 60 … 86400 s");
  if (in.language.size() < 2 || in.language.size() > 8)
    return invalid_argument("language '" + in.language + "' is not a language code (vi, en…)");
  store::SourceRow row;
  row.name = *name;
  row.url = in.url;
  row.kind = in.kind;
  row.language = in.language;
  row.poll_seconds = in.poll_seconds;
  row.organisation_id = in.organisation_id;
  row.created_at = format_utc(clock.now_unix());

  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  if (in.organisation_id) {
    auto st = db.prepare("SELECT 1 FROM organisations WHERE id = ?");
    if (!st) return st.status();
    st->bind(1, *in.organisation_id);
    auto row_found = st->step();
    if (!row_found) return row_found.status();
    if (!*row_found)
      return not_found("organisation " + std::to_string(*in.organisation_id) + " does not exist");
  }
  auto id = store::insert_source(db, row);
  if (!id) return id.status();
  const nlohmann::json after = {
      {"name", row.name},
      {"url", row.url},
      {"kind", row.kind},
      {"language", row.language},
      {"poll_seconds", row.poll_seconds},
      {"organisation_id",
       in.organisation_id ? nlohmann::json(*in.organisation_id) : nlohmann::json(nullptr)}};
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"source.create", "source", std::to_string(*id), std::nullopt, after.dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Status poll_source_soon(store::Database& db, const Clock& clock, const Actor& actor,
                        std::int64_t source_id) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  const std::string now = format_utc(clock.now_unix());
  auto st = db.prepare("UPDATE sources SET next_poll_at = ? WHERE id = ?");
  if (!st) return st.status();
  st->bind_all(now, source_id);
  LOA_RETURN_IF_ERROR(st->run());
  if (db.changes() == 0) return not_found("no source " + std::to_string(source_id));
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"source.poll_now", "source", std::to_string(source_id),
                                     std::nullopt, nlohmann::json{{"next_poll_at", now}}.dump()}));
  return tx.commit();
}

}  // namespace loa::work
