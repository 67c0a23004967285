// Risk flags: the lexicon's rule, the model learnt from the coordinator's decisions.
#include "work/risk.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/analysis.h"

namespace loa::work {

namespace {
using Json = nlohmann::json;
}  // namespace

Result<news::Lexicon> load_risk_lexicon() {
  auto risk = news::Lexicon::from_json(risk_lexicon_json(), "terms");
  if (!risk) return internal_error("data/lexicon/risk-vi.json: " + risk.status().message());
  return risk;
}

RiskFlag judge_risk(const news::LexiconFinding& lexicon, const news::Classifier* model,
                    const news::Words& words, double margin) {
  RiskFlag flag;
  const char* kind = lexicon.score_of("false_information") >= kRiskFrom ? "false_information"
                     : lexicon.score_of("negative") >= kRiskFrom        ? "negative"
                                                                        : nullptr;
  if (kind) {
    flag.kind = kind;
    flag.by = "lexicon";
    for (const auto& h : lexicon.hits)
      if (h.kind == kind) flag.terms.push_back(h.phrase);
  }
  if (model == nullptr || words.size() == 0) return flag;
  const news::Classification c = model->classify(words, 5);
  if (c.margin < margin) return flag;  // not sure: the lexicon decides
  if (c.label == "none" && flag.kind && *flag.kind == "negative") {
    // Like the flags the coordinator dismissed: no flag, but marked as the model's doing, so
    // that it is not learnt from as an article nobody flagged. A report of false information
    // stays flagged: missing one costs more than reading one.
    return {std::nullopt, {}, "model"};
  }
  if (c.label == "risk" && !flag.kind) {
    flag.kind = "negative";
    flag.by = "model";
    for (const auto& [term, weight] : c.because) flag.terms.push_back(term);
  }
  return flag;
}

Result<RiskModelReport> train_risk_model(store::Database& db, const Clock& clock,
                                         const Actor& actor) {
  RiskModelReport report;
  {
    auto st = db.prepare(
        "SELECT COALESCE(SUM(risk_status = 'confirmed'), 0), "
        "COALESCE(SUM(risk_status = 'dismissed'), 0) FROM articles");
    if (!st) return st.status();
    auto row = st->step();
    if (!row) return row.status();
    const auto confirmed = st->column_int(0), dismissed = st->column_int(1);
    if (confirmed < kMinRiskDecisions || dismissed < kMinRiskDecisions) {
      return failed_precondition(
          "a risk model learns from at least " + std::to_string(kMinRiskDecisions) +
          " confirmed and " + std::to_string(kMinRiskDecisions) + " dismissed flags; there are " +
          std::to_string(confirmed) + " and " + std::to_string(dismissed));
    }
  }
  std::vector<news::LabelledText> examples;
  {
    auto st = db.prepare(
        "SELECT risk_status, title, text FROM articles "
        "WHERE risk_status IN ('confirmed', 'dismissed') ORDER BY id DESC LIMIT ?");
    if (!st) return st.status();
    st->bind(1, kMaxRiskDecisions);
    while (true) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      const bool confirmed = st->column_text(0) == "confirmed";
      (confirmed ? report.confirmed : report.dismissed) += 1;
      examples.push_back(
          {confirmed ? "risk" : "none", st->column_text(1) + "\n" + st->column_text(2)});
    }
  }
  {
    auto st = db.prepare(
        "SELECT title, text FROM articles WHERE risk IS NULL AND risk_by IS NULL "
        "AND relevance >= ? "
        "ORDER BY id DESC LIMIT ?");
    if (!st) return st.status();
    st->bind_all(news::kRelevantFrom,
                 std::min(3 * (report.confirmed + report.dismissed), 2 * kMaxRiskDecisions));
    while (true) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      examples.push_back({"none", st->column_text(0) + "\n" + st->column_text(1)});
      ++report.unflagged;
    }
  }
  auto model = news::Classifier::train(examples);
  if (!model) return model.status();
  report.features = model->features();
  const int total = report.confirmed + report.dismissed + report.unflagged;
  store::ClassifierRow row{"risk", model->serialize(), Json(model->labels()).dump(),
                           total,  std::nullopt,       format_utc(clock.now_unix())};
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  LOA_RETURN_IF_ERROR(store::save_classifier(db, row));
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"classifier.train", "classifier", "risk", std::nullopt,
                                     Json{{"confirmed", report.confirmed},
                                          {"dismissed", report.dismissed},
                                          {"unflagged", report.unflagged}}
                                         .dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return report;
}

Result<std::optional<RiskModelReport>> refresh_risk_model(store::Database& db, const Clock& clock) {
  auto st = db.prepare("SELECT MAX(at) FROM audit_log WHERE action LIKE 'article.risk.%'");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  const std::optional<std::string> decided = st->column_optional_text(0);
  if (!decided) return std::optional<RiskModelReport>();
  auto model = store::find_classifier(db, "risk");
  if (!model) return model.status();
  // Seconds are the clocks' grain: a decision in the second of the last learning counts as
  // newer (one learning too many at worst, never one missed).
  if (*model && *decided < (*model)->trained_at) return std::optional<RiskModelReport>();
  const Actor scheduler{std::nullopt, "scheduler", std::nullopt, "local", {}, {}};
  auto report = train_risk_model(db, clock, scheduler);
  if (!report) {
    if (report.status().code() == StatusCode::kFailedPrecondition)
      return std::optional<RiskModelReport>();
    return report.status();
  }
  return std::optional<RiskModelReport>(*report);
}

}  // namespace loa::work
