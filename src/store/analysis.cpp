// SQL for article analysis, topic decisions, learnt weights and classifiers.
#include "store/analysis.h"

namespace loa::store {

Status save_article_analysis(Database& db, std::int64_t id, const ArticleAnalysis& a) {
  auto st = db.prepare(
      "UPDATE articles SET "
      "category = CASE WHEN category_by = 'person' THEN category ELSE ?1 END, "
      "category_by = CASE WHEN category_by = 'person' THEN 'person' "
      "  WHEN ?1 IS NULL THEN NULL ELSE 'model' END, "
      "relevance = ?2, places_json = ?3, "
      "risk = CASE WHEN risk_status IN ('confirmed', 'dismissed') THEN risk ELSE ?4 END, "
      "risk_terms_json = CASE WHEN risk_status IN ('confirmed', 'dismissed') THEN risk_terms_json "
      "  ELSE ?5 END, "
      "risk_status = CASE WHEN risk_status IN ('confirmed', 'dismissed') THEN risk_status "
      "  WHEN ?4 IS NULL THEN NULL ELSE 'flagged' END, "
      "risk_by = CASE WHEN risk_status IN ('confirmed', 'dismissed') THEN risk_by ELSE ?9 END, "
      "story_id = COALESCE(?7, story_id), "
      "minhash = CASE WHEN ?7 IS NULL THEN minhash ELSE ?8 END "
      "WHERE id = ?6");
  if (!st) return st.status();
  st->bind_all(a.category, a.relevance, a.places_json, a.risk, a.risk_terms_json, id, a.story_id);
  if (a.minhash)
    st->bind_blob(8, *a.minhash);
  else
    st->bind(8, nullptr);
  if (a.risk_by)
    st->bind(9, *a.risk_by);
  else
    st->bind(9, nullptr);
  return st->run();
}

Status save_article_topics(Database& db, std::int64_t article_id,
                           const std::vector<TopicMatchRow>& topics) {
  auto clear =
      db.prepare("DELETE FROM article_topics WHERE article_id = ? AND status = 'suggested'");
  if (!clear) return clear.status();
  clear->bind(1, article_id);
  LOA_RETURN_IF_ERROR(clear->run());
  for (const auto& t : topics) {
    auto st = db.prepare(
        "INSERT INTO article_topics (article_id, plan_id, topic_no, score, terms_json) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    if (!st) return st.status();
    st->bind_all(article_id, t.plan_id, t.topic_no, t.score, t.terms_json);
    LOA_RETURN_IF_ERROR(st->run());
  }
  return Status::ok();
}

Result<std::vector<PlanStructure>> active_plan_structures(Database& db) {
  auto st =
      db.prepare("SELECT id, title, structure_json FROM plans WHERE status = 'active' ORDER BY id");
  if (!st) return st.status();
  return collect_rows(*st, [](const Statement& s) {
    return PlanStructure{s.column_int(0), s.column_text(1), s.column_text(2)};
  });
}

Result<TopicWeights> learnt_topic_weights(Database& db) {
  auto st = db.prepare("SELECT plan_id, topic_no, term, weight FROM topic_terms");
  if (!st) return st.status();
  TopicWeights out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out[{st->column_int(0), static_cast<int>(st->column_int(1))}][st->column_text(2)] =
        st->column_double(3);
  }
  return out;
}

Status set_topic_term_weight(Database& db, std::int64_t plan_id, int topic_no,
                             const std::string& term, double weight) {
  auto st = db.prepare(
      "INSERT INTO topic_terms (plan_id, topic_no, term, weight) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(plan_id, topic_no, term) DO UPDATE SET weight = excluded.weight");
  if (!st) return st.status();
  st->bind_all(plan_id, topic_no, term, weight);
  return st->run();
}

Result<std::vector<PlaceName>> registry_places(Database& db) {
  auto st = db.prepare(
      "SELECT name, kind FROM organisations "
      "WHERE kind IN ('commune', 'ward', 'special_zone', 'district') ORDER BY id");
  if (!st) return st.status();
  return collect_rows(*st, [](const Statement& s) {
    return PlaceName{s.column_text(0), s.column_text(1)};
  });
}

Status save_classifier(Database& db, const ClassifierRow& r) {
  auto st = db.prepare(
      "INSERT INTO classifiers (name, model, labels_json, examples, accuracy, trained_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET model = excluded.model, "
      "labels_json = excluded.labels_json, examples = excluded.examples, "
      "accuracy = excluded.accuracy, trained_at = excluded.trained_at");
  if (!st) return st.status();
  st->bind(1, r.name);
  st->bind_blob(2, r.model);
  st->bind(3, r.labels_json);
  st->bind(4, r.examples);
  st->bind(5, r.accuracy);
  st->bind(6, r.trained_at);
  return st->run();
}

Result<std::optional<ClassifierRow>> find_classifier(Database& db, const std::string& name) {
  auto st = db.prepare(
      "SELECT name, model, labels_json, examples, accuracy, trained_at FROM classifiers "
      "WHERE name = ?");
  if (!st) return st.status();
  st->bind(1, name);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<ClassifierRow>();
  ClassifierRow r{
      st->column_text(0),
      st->column_blob(1),
      st->column_text(2),
      static_cast<int>(st->column_int(3)),
      st->column_is_null(4) ? std::nullopt : std::optional<double>(st->column_double(4)),
      st->column_text(5)};
  return std::optional<ClassifierRow>(std::move(r));
}

}  // namespace loa::store
