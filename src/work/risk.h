// File: work/risk.h
//
// Risk flags on the province's news, so that incidents, wrongdoing and false information reach
// the coordinator first. Two judges:
//  - the lexicon (data/lexicon/risk-vi.json): weighted phrases; an article is flagged when the
//    phrases of one kind weigh kRiskFrom or more ("tin giả" alone; "tai nạn" + "tử vong");
//  - a model learnt from the coordinator's own decisions on flags (news::Classifier, labels
//    "risk" and "none"; train_risk_model): once it exists, it flags what the lexicon missed
//    and lifts flags like the ones the coordinator dismissed, but only where it is sure
//    (a margin of at least kRiskModelMargin); elsewhere the lexicon decides.
// A flag always says why: the lexicon's phrases, or the terms that weighed most in the model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "news/classifier.h"
#include "news/lexicon.h"
#include "store/database.h"
#include "work/audit.h"

namespace loa::work {

inline constexpr int kRiskFrom = 3;
inline constexpr double kRiskModelMargin = 0.25;
// Decisions of each kind (confirmed, dismissed) needed before a model is learnt; the most
// recent kMaxRiskDecisions are learnt from.
inline constexpr int kMinRiskDecisions = 10;
inline constexpr int kMaxRiskDecisions = 1000;

const char* risk_lexicon_json();  // data/lexicon/risk-vi.json, embedded
Result<news::Lexicon> load_risk_lexicon();

struct RiskFlag {
  std::optional<std::string> kind;  // false_information | negative; none: no flag
  std::vector<std::string> terms;   // why
  // "lexicon" | "model"; empty without a flag, unless the model lifted the lexicon's ("model")
  std::string by;
};

// The flag of an article with the given words, by the lexicon's finding on them and the
// model (null: none learnt yet).
RiskFlag judge_risk(const news::LexiconFinding& lexicon, const news::Classifier* model,
                    const news::Words& words, double margin = kRiskModelMargin);

// Learns the risk model from the coordinator's decisions: confirmed flags are "risk",
// dismissed ones "none", and so are the most recent articles about the province that were
// never flagged (three times as many as the decisions; the lexicon's misses among them are
// few); at most the latest kMaxRiskDecisions decisions and twice as many unflagged articles.
// Stored as the classifier "risk" (the analysis of new articles uses it; `loa news analyse`
// applies it to the stored ones). Audited. failed_precondition, saying how many are
// missing, with fewer than kMinRiskDecisions confirmations or dismissals.
struct RiskModelReport {
  int confirmed = 0;
  int dismissed = 0;
  int unflagged = 0;
  std::size_t features = 0;
};
Result<RiskModelReport> train_risk_model(store::Database& db, const Clock& clock,
                                         const Actor& actor);

// Learns the risk model again if a flag was decided since it was last learnt (and there are
// enough decisions): what the server's and `loa worker`'s rounds run after each poll, so a
// decision costs the coordinator no waiting and the next articles are judged with it. The
// report when it learnt one, nothing otherwise.
Result<std::optional<RiskModelReport>> refresh_risk_model(store::Database& db, const Clock& clock);

}  // namespace loa::work
