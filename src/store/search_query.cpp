// A search's query as Loa reads it. See search_query.h.
#include "store/search_query.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "vi/text.h"
#include "vi/tokenizer.h"

namespace loa::store {

namespace {

using Node = SearchQuery::Node;
using Op = SearchQuery::Op;

// FTS5's grammar (fts5parse.y), for what Loa reads of it.
class Parser {
 public:
  explicit Parser(std::string_view q) : q_(q) {}

  std::optional<SearchQuery> parse() {
    auto root = or_expr();
    skip_space();
    if (!ok_ || !root || pos_ != q_.size()) return std::nullopt;
    out_.root = std::move(*root);
    return std::move(out_);
  }

 private:
  static bool bareword_char(unsigned char c) {
    return c >= 0x80 || std::isalnum(c) || c == '_' || c == 0x1a;
  }

  void skip_space() {
    while (pos_ < q_.size() && std::isspace(static_cast<unsigned char>(q_[pos_]))) ++pos_;
  }

  // The next bareword, without consuming it.
  std::string_view peek_word() {
    skip_space();
    std::size_t end = pos_;
    while (end < q_.size() && bareword_char(static_cast<unsigned char>(q_[end]))) ++end;
    return q_.substr(pos_, end - pos_);
  }

  bool keyword(std::string_view word) {
    if (peek_word() != word) return false;
    pos_ += word.size();
    return true;
  }

  static Node join(Op op, Node left, Node right) {
    Node n;
    n.op = op;
    n.operands.push_back(std::move(left));
    n.operands.push_back(std::move(right));
    return n;
  }

  std::optional<Node> or_expr() { return joined("OR", Op::kOr, &Parser::and_expr); }
  std::optional<Node> and_expr() { return joined("AND", Op::kAnd, &Parser::not_expr); }

  // Operands (one level of precedence down) joined by one operator, left to right.
  std::optional<Node> joined(std::string_view op_word, Op op,
                             std::optional<Node> (Parser::*operand)()) {
    auto left = (this->*operand)();
    while (left && keyword(op_word)) {
      auto right = (this->*operand)();
      if (!right) return fail();
      left = join(op, std::move(*left), std::move(*right));
    }
    return left;
  }

  std::optional<Node> not_expr() {
    auto left = sequence();
    while (left && keyword("NOT")) {
      negated_ = true;
      auto right = sequence();
      negated_ = false;
      if (!right) return fail();
      left = join(Op::kNot, std::move(*left), std::move(*right));
    }
    return left;
  }

  // Phrases side by side: FTS5's implicit AND, which binds before any operator.
  std::optional<Node> sequence() {
    auto left = primary();
    while (left) {
      skip_space();
      if (pos_ == q_.size() || q_[pos_] == ')') break;
      const auto word = peek_word();
      if (word == "AND" || word == "OR" || word == "NOT") break;
      auto right = primary();
      if (!right) return fail();
      left = join(Op::kAnd, std::move(*left), std::move(*right));
    }
    return left;
  }

  std::optional<Node> primary() {
    skip_space();
    if (pos_ == q_.size()) return fail();
    const char c = q_[pos_];
    if (c == '(') {
      ++pos_;
      auto inner = or_expr();
      skip_space();
      if (!inner || pos_ == q_.size() || q_[pos_] != ')') return fail();
      ++pos_;
      return inner;
    }
    if (c == '"') {
      std::string phrase;
      for (++pos_;; ++pos_) {
        if (pos_ == q_.size()) return fail();
        if (q_[pos_] == '"') {
          if (pos_ + 1 < q_.size() && q_[pos_ + 1] == '"') {
            phrase += '"';
            ++pos_;
            continue;
          }
          ++pos_;
          break;
        }
        phrase += q_[pos_];
      }
      return phrase_node(phrase);
    }
    const std::string_view word = peek_word();
    if (word.empty() || word == "AND" || word == "OR" || word == "NOT" || word == "NEAR")
      return fail();
    pos_ += word.size();
    return phrase_node(word);
  }

  // A phrase, unless followed by * (prefix), :, ^ or +, or empty.
  std::optional<Node> phrase_node(std::string_view text) {
    if (pos_ < q_.size() &&
        (q_[pos_] == '*' || q_[pos_] == ':' || q_[pos_] == '^' || q_[pos_] == '+'))
      return fail();
    auto words = query_words(text);
    if (words.empty()) return fail();
    Node n;
    n.phrase = out_.phrases.size();
    out_.phrases.push_back(std::move(words));
    out_.negated.push_back(negated_);
    return n;
  }

  std::nullopt_t fail() {
    ok_ = false;
    return std::nullopt;
  }

  std::string_view q_;
  std::size_t pos_ = 0;
  bool ok_ = true;
  bool negated_ = false;  // reading NOT's right side
  SearchQuery out_;
};

// A word of the article as FTS5's tokenizer counts them (punctuation left out), by its bytes.
struct Word {
  std::size_t begin = 0;  // in the column's text
  std::size_t end = 0;
  std::size_t folded_begin = 0;  // in the column's folded words
  std::size_t folded_end = 0;
};

// Every word folded into one string (a long article has thousands of words).
void words_of(std::string_view text, std::vector<Word>& words, std::string& folded) {
  vi::TokenStream stream(text);
  vi::Token token{};
  while (stream.next(token)) {
    if (token.kind == vi::TokenKind::kPunctuation) continue;
    const std::size_t from = folded.size();
    vi::fold_append(token.text, folded);
    words.push_back({token.offset, token.offset + token.text.size(), from, folded.size()});
  }
}

// A query word: typed without accents it matches any form folding to it, with accents only
// its own lower-case form.
struct Needle {
  std::string word;
  std::string folded;
  bool accented = false;
};

struct Hit {
  std::size_t start = 0;  // word index
  std::size_t end = 0;
  std::size_t phrase = 0;
};

struct Column {
  std::string_view text;
  std::vector<Word> words;
  std::string folded;
  std::vector<Hit> hits;  // by start

  bool matches(const Word& w, const Needle& n) const {
    if (std::string_view(folded).substr(w.folded_begin, w.folded_end - w.folded_begin) != n.folded)
      return false;
    return !n.accented || vi::lower(text.substr(w.begin, w.end - w.begin)) == n.word;
  }
};

Column column_of(std::string_view text, const std::vector<std::vector<Needle>>& phrases) {
  Column c;
  c.text = text;
  words_of(text, c.words, c.folded);
  for (std::size_t i = 0; i < c.words.size(); ++i) {
    for (std::size_t p = 0; p < phrases.size(); ++p) {
      const auto& phrase = phrases[p];
      if (phrase.empty() || i + phrase.size() > c.words.size()) continue;
      bool all = true;
      for (std::size_t k = 0; k < phrase.size() && all; ++k)
        all = c.matches(c.words[i + k], phrase[k]);
      if (all) c.hits.push_back({i, i + phrase.size(), p});
    }
  }
  return c;
}

struct Window {
  const Column* column = nullptr;
  std::size_t start = 0;
  std::size_t end = 0;
  int score = -1;
};

// 1,000 for each different phrase wholly inside the window, 1 for each occurrence.
int score_of(const Column& c, std::size_t start, std::size_t end) {
  std::set<std::size_t> phrases;
  int n = 0;
  for (const auto& h : c.hits) {
    if (h.start < start || h.end > end) continue;
    phrases.insert(h.phrase);
    ++n;
  }
  return static_cast<int>(phrases.size()) * 1000 + n;
}

// The best window of `c` starting near one of its occurrences, the occurrences it holds
// centred in it.
void best_window(const Column& c, std::size_t size, Window& best) {
  const std::size_t total = c.words.size();
  for (const auto& anchor : c.hits) {
    std::size_t start = anchor.start;
    std::size_t last = anchor.end;
    for (const auto& h : c.hits)
      if (h.start >= start && h.end <= start + size) last = std::max(last, h.end);
    const std::size_t spare = size > last - start ? size - (last - start) : 0;
    start = start > spare / 2 ? start - spare / 2 : 0;
    if (start + size > total) start = total > size ? total - size : 0;
    const std::size_t end = std::min(total, start + size);
    const int score = score_of(c, start, end);
    if (score > best.score) best = {&c, start, end, score};
  }
}

}  // namespace

void append_snippet_text(std::string& out, std::string_view text) {
  for (std::size_t at = 0;;) {
    const std::size_t bracket = text.find_first_of("[]", at);
    out.append(text.substr(at, bracket - at));
    if (bracket == std::string_view::npos) return;
    out.append(text[bracket] == '[' ? "\uFF3B" : "\uFF3D");
    at = bracket + 1;
  }
}

namespace {

std::string render(const Window& w) {
  const Column& c = *w.column;
  std::string out;
  if (c.words.empty()) {
    append_snippet_text(out, c.text);
    return out;
  }
  std::vector<Hit> marks;
  for (const auto& h : c.hits) {
    if (h.start < w.start || h.end > w.end) continue;
    if (!marks.empty() && h.start < marks.back().end)
      marks.back().end = std::max(marks.back().end, h.end);
    else
      marks.push_back(h);
  }
  const std::size_t from = w.start == 0 ? 0 : c.words[w.start].begin;
  const std::size_t to = w.end == c.words.size() ? c.text.size() : c.words[w.end - 1].end;
  if (w.start != 0) out = "…";
  std::size_t at = from;
  for (const auto& m : marks) {
    const std::size_t b = c.words[m.start].begin;
    const std::size_t e = c.words[m.end - 1].end;
    append_snippet_text(out, c.text.substr(at, b - at));
    out.push_back('[');
    append_snippet_text(out, c.text.substr(b, e - b));
    out.push_back(']');
    at = e;
  }
  append_snippet_text(out, c.text.substr(at, to - at));
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  if (w.end < c.words.size()) out += "…";
  return out;
}

bool holds(const Node& n, const std::vector<bool>& present) {
  switch (n.op) {
    case Op::kPhrase:
      return present[n.phrase];
    case Op::kAnd:
      return std::all_of(n.operands.begin(), n.operands.end(),
                         [&](const Node& o) { return holds(o, present); });
    case Op::kOr:
      return std::any_of(n.operands.begin(), n.operands.end(),
                         [&](const Node& o) { return holds(o, present); });
    case Op::kNot:
      return holds(n.operands[0], present) && !holds(n.operands[1], present);
  }
  return false;
}

}  // namespace

std::optional<SearchQuery> parse_search_query(std::string_view query) {
  return Parser(query).parse();
}

std::vector<std::string> query_words(std::string_view phrase) {
  std::vector<std::string> out;
  vi::TokenStream stream(phrase);
  vi::Token token{};
  while (stream.next(token))
    if (token.kind != vi::TokenKind::kPunctuation) out.push_back(vi::lower(token.text));
  return out;
}

ArticleReading read_article(const SearchQuery& query, std::string_view title, std::string_view text,
                            int words) {
  std::vector<std::vector<Needle>> needles;
  for (const auto& phrase : query.phrases) {
    auto& n = needles.emplace_back();
    for (const auto& w : phrase) {
      auto folded = vi::fold(w);
      const bool accented = folded != w;
      n.push_back({w, std::move(folded), accented});
    }
  }
  Column body = column_of(text, needles);
  Column head = column_of(title, needles);
  ArticleReading out;
  std::vector<bool> present(query.phrases.size(), false);
  for (const Column* c : {&body, &head})
    for (const auto& h : c->hits) present[h.phrase] = true;
  out.matches = holds(query.root, present);
  // NOT's phrases are not shown.
  for (Column* c : {&body, &head})
    std::erase_if(c->hits, [&](const Hit& h) { return query.negated[h.phrase]; });
  const std::size_t size = static_cast<std::size_t>(std::max(words, 1));
  Window best;
  best_window(body, size, best);  // first: the title wins only by doing better
  best_window(head, size, best);
  if (!best.column) {
    const Column& lead = body.words.empty() ? head : body;
    best = {&lead, 0, std::min(size, lead.words.size()), 0};
  }
  out.snippet = render(best);
  return out;
}

}  // namespace loa::store
