// Plan topics to terms, and articles to topics. See topics.h.
#include "news/topics.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/ascii.h"
#include "vi/text.h"

namespace loa::news {

namespace {

// Openings that say what to do rather than what about (lower case, longest first).
constexpr std::string_view kOpenings[] = {"tuyên truyền về",
                                          "tuyên truyền",
                                          "công tác",
                                          "đẩy mạnh",
                                          "tăng cường",
                                          "nâng cao chất lượng",
                                          "nâng cao",
                                          "đảm bảo",
                                          "bảo đảm",
                                          "thực hiện",
                                          "triển khai",
                                          "phát triển",
                                          "cải thiện",
                                          "giới thiệu",
                                          "quảng bá",
                                          "về",
                                          "các",
                                          "những",
                                          "việc"};

std::string strip_openings(std::string s) {
  for (bool again = true; again;) {
    again = false;
    s = std::string(trim_space(s));
    for (auto opening : kOpenings) {
      if (s.starts_with(opening) && (s.size() == opening.size() || s[opening.size()] == ' ')) {
        s.erase(0, opening.size());
        again = true;
        break;
      }
    }
  }
  return s;
}

std::vector<std::string> split_any(const std::string& s, std::string_view separators) {
  std::vector<std::string> out;
  std::string current;
  for (char c : s) {
    if (separators.find(c) != std::string_view::npos) {
      out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  out.push_back(current);
  return out;
}

}  // namespace

std::vector<std::string> topic_terms(std::string_view title) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  const std::string lower = vi::lower(title);
  for (auto& part : split_any(lower, ",;:()\n\"“”")) {
    // "đối ngoại và hội nhập quốc tế" names two things; "văn hóa - xã hội" one.
    std::vector<std::string> pieces;
    std::size_t from = 0;
    for (std::size_t at; (at = part.find(" và ", from)) != std::string::npos; from = at + 5)
      pieces.push_back(part.substr(from, at - from));
    pieces.push_back(part.substr(from));
    for (auto& piece : pieces) {
      std::string term = strip_openings(piece);
      // Hyphens between words become spaces: "văn hóa - xã hội" → "văn hóa xã hội".
      std::replace(term.begin(), term.end(), '-', ' ');
      const Words w = words_of(term);
      if (w.size() == 0) continue;
      std::string joined;
      const std::size_t n = std::min(w.size(), kMaxPhraseWords);
      for (std::size_t i = w.size() - n; i < w.size(); ++i) {
        if (!joined.empty()) joined += ' ';
        joined += w.lower[i];
      }
      if (w.size() == 1 && joined.size() < 4) continue;  // "y", "số": too little to go on
      if (seen.insert(joined).second) out.push_back(joined);
    }
  }
  return out;
}

double default_term_weight(std::string_view term) {
  const std::size_t n = words_of(term).size();
  return n <= 1 ? 0.5 : n == 2 ? 1.0 : 1.5;
}

void TopicMatcher::add(const TopicKey& topic, std::string_view title,
                       const std::map<std::string, double>& learnt) {
  const std::size_t index = topics_.size();
  topics_.push_back(topic);
  for (const auto& term : topic_terms(title)) {
    auto it = learnt.find(term);
    const double weight = it != learnt.end() ? it->second : default_term_weight(term);
    if (matcher_.add(term, static_cast<std::uint32_t>(terms_.size())))
      terms_.push_back({index, term, weight});
  }
}

std::vector<TopicMatch> TopicMatcher::match(const Words& words) const {
  std::map<std::size_t, TopicMatch> by_topic;
  std::map<std::size_t, std::vector<std::pair<double, std::string>>> parts;
  for (const auto& hit : matcher_.find(words)) {
    const Term& t = terms_[hit.id];
    if (t.weight <= 0) continue;
    // Repeats count, with diminishing returns: 1, 1.5, 1.75 …
    const double mentions = 2.0 - std::pow(0.5, std::min(hit.count, 10) - 1);
    const double part = t.weight * mentions;
    auto& m = by_topic[t.topic];
    m.topic = topics_[t.topic];
    m.score += part;
    parts[t.topic].emplace_back(part, t.text);
  }
  std::vector<TopicMatch> out;
  for (auto& [index, m] : by_topic) {
    if (m.score < kTopicMatchFrom) continue;
    auto& p = parts[index];
    std::sort(p.begin(), p.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [part, term] : p) m.terms.push_back(term);
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(),
            [](const TopicMatch& a, const TopicMatch& b) { return a.score > b.score; });
  return out;
}

}  // namespace loa::news
