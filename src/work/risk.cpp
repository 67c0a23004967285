// Risk flags: the lexicon's rule, the model learnt from the coordinator's decisions.
#include "work/risk.h"

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
    // Like the flags the coordinator dismissed. A report of false information stays flagged:
    // missing one costs more than reading one.
    return {};
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
  std::vector<news::LabelledText> examples;
  {
    auto st = db.prepare(
        "SELECT risk_status, title, text FROM articles "
        "WHERE risk_status IN ('confirmed', 'dismissed') ORDER BY id");
    if (!st) return st.status();
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
  if (report.confirmed < kMinRiskDecisions || report.dismissed < kMinRiskDecisions) {
    return failed_precondition(
        "a risk model learns from at least " + std::to_string(kMinRiskDecisions) +
        " confirmed and " + std::to_string(kMinRiskDecisions) + " dismissed flags; there are " +
        std::to_string(report.confirmed) + " and " + std::to_string(report.dismissed));
  }
  {
    auto st = db.prepare(
        "SELECT title, text FROM articles WHERE risk IS NULL AND relevance >= ? "
        "ORDER BY id DESC LIMIT ?");
    if (!st) return st.status();
    st->bind_all(news::kRelevantFrom, 3 * (report.confirmed + report.dismissed));
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

}  // namespace loa::work
