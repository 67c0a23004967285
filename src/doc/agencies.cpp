// File: doc/agencies.cpp
#include "doc/agencies.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/edit_distance.h"
#include "doc/folded.h"
#include "vi/syllable.h"
#include "vi/text.h"
#include "vi/utf8.h"

namespace loa::doc {
namespace {

// Folded, '&' as "và", punctuation as spaces, the usual abbreviations written out.
std::string key_of(std::string_view name) {
  std::string f = vi::fold(name);
  std::string spaced;
  for (char c : f) {
    if (c == '&') {
      spaced += " va ";
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               static_cast<unsigned char>(c) >= 0x80) {
      spaced += c;
    } else {
      spaced += ' ';
    }
  }
  static const std::map<std::string, std::string, std::less<>> kExpand = {
      {"ubnd", "uy ban nhan dan"}, {"hdnd", "hoi dong nhan dan"}, {"tp", "thanh pho"}};
  std::string out;
  std::istringstream words(spaced);
  std::string w;
  while (words >> w) {
    const auto e = kExpand.find(w);
    if (!out.empty()) out += ' ';
    out += e == kExpand.end() ? w : e->second;
  }
  return out;
}

// Folded letters and digits only: the same name whatever marks and stray signs OCR left.
std::string letters_of(std::string_view name) {
  std::string out;
  for (char c : vi::fold(name))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

// Without a trailing place: "cong an thanh pho hai phong" → "cong an".
std::string without_place(const std::string& key) {
  const std::size_t at = key.rfind(" thanh pho");
  return at == std::string::npos || at == 0 ? key : key.substr(0, at);
}

double similarity(const std::string& a, const std::string& b) {
  if (a == b) return 1.0;
  const std::size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 0.0;
  // Far apart in length: not worth the distance.
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap * 5 > longest) return 0.0;
  return 1.0 - static_cast<double>(loa::edit_distance(a, b)) / static_cast<double>(longest);
}

constexpr double kThreshold = 0.88;

bool valid_on(const RegistryOrganisation& o, std::string_view date) {
  if (date.empty()) return true;
  if (o.valid_from && std::string_view(*o.valid_from) > date) return false;
  if (o.valid_to && std::string_view(*o.valid_to) < date) return false;
  return true;
}

// Phrases that groups of agencies are named with, in their written form.
constexpr std::string_view kGroupPhrases[] = {"các Sở, ban, ngành",
                                              "Sở, ban, ngành",
                                              "các quận, huyện",
                                              "quận, huyện",
                                              "Ủy ban nhân dân",
                                              "đơn vị",
                                              "đoàn thể",
                                              "cơ quan báo chí",
                                              "các cơ quan",
                                              "thị xã",
                                              "thị trấn",
                                              "thành phố",
                                              "địa phương",
                                              "trên địa bàn",
                                              "giáo dục",
                                              "hữu nghị",
                                              "tổ chức",
                                              "doanh nghiệp",
                                              "liên quan"};

struct Vocabulary {
  std::map<std::string, std::map<std::string, int>> forms;  // folded → written forms, counts
  std::string best(const std::string& folded) const {
    const auto f = forms.find(folded);
    if (f == forms.end()) return {};
    return std::max_element(f->second.begin(), f->second.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  }
  bool knows(const std::string& folded, const std::string& lower) const {
    const auto f = forms.find(folded);
    return f != forms.end() && f->second.count(lower) > 0;
  }
};

// Words of agency names with their marks: the registry's and those of the group phrases.
Vocabulary vocabulary(const Registry& registry) {
  Vocabulary v;
  auto add = [&](std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !is_word_byte(text[i])) ++i;
      std::size_t j = i;
      while (j < text.size() && is_word_byte(text[j])) ++j;
      if (j > i) {
        const std::string lower = vi::lower(text.substr(i, j - i));
        ++v.forms[vi::fold(lower)][lower];
      }
      i = j;
    }
  };
  for (const auto& o : registry.organisations) add(o.name);
  for (auto p : kGroupPhrases) add(p);
  return v;
}

// Capitalises the first letter of `form` when `like` starts with a capital.
std::string case_like(std::string form, std::string_view like) {
  if (like.empty() || form.empty()) return form;
  const auto first = vi::utf8::decode(like, 0);
  return vi::split_letter(first.cp).upper ? vi::capitalize(form) : form;
}

// The marks OCR repair got wrong in a name, put right where the vocabulary is sure: group
// phrases first ("các quan, huyện" → "các quận, huyện"), then single words the vocabulary
// has in one form only ("bán, ngành" → "ban, ngành" via the phrase, "đơn vĩ" → "đơn vị").
std::string repair_words(std::string_view name, const Vocabulary& vocab) {
  std::string text(name);
  std::vector<bool> fixed(text.size(), false);
  for (auto phrase : kGroupPhrases) {
    const std::string folded = vi::fold(phrase);
    for (std::size_t at = find_folded(text, folded); at != std::string_view::npos;
         at = find_folded(text, folded, at + 1)) {
      const std::size_t end = match_folded(text, at, folded);
      if (end != text.size() && is_word_byte(text[end])) continue;
      if (std::find(fixed.begin() + static_cast<std::ptrdiff_t>(at),
                    fixed.begin() + static_cast<std::ptrdiff_t>(end),
                    true) != fixed.begin() + static_cast<std::ptrdiff_t>(end))
        continue;
      std::string written(phrase);
      if (written.rfind("Ủy", 0) != 0)
        written = case_like(written, std::string_view(text).substr(at));
      text.replace(at, end - at, written);
      fixed.erase(fixed.begin() + static_cast<std::ptrdiff_t>(at),
                  fixed.begin() + static_cast<std::ptrdiff_t>(end));
      fixed.insert(fixed.begin() + static_cast<std::ptrdiff_t>(at), written.size(), true);
    }
  }
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && !is_word_byte(text[j])) ++j;
    out.append(text, i, j - i);
    i = j;
    while (j < text.size() && is_word_byte(text[j])) ++j;
    if (j == i) break;
    const std::string word = text.substr(i, j - i);
    const std::string folded = vi::fold(word);
    if (fixed[i] || !vi::is_valid_syllable(word) || vocab.knows(folded, vi::lower(word)) ||
        vocab.best(folded).empty()) {
      out += word;
    } else {
      out += case_like(vocab.best(folded), word);
    }
    i = j;
  }
  return out;
}

std::vector<std::string> split_parts(std::string_view agency) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t semi = agency.find(';', start);
    std::string_view part = agency.substr(
        start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.emplace_back(part);
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  return parts;
}

}  // namespace

const RegistryOrganisation* Registry::find(std::int64_t id) const {
  for (const auto& o : organisations)
    if (o.id == id) return &o;
  return nullptr;
}

Result<Registry> registry_from_json(std::string_view json_text) {
  const auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("organisations"))
    return invalid_argument("not a registry: a JSON object with \"organisations\" is expected");
  Registry r;
  std::map<std::string, std::int64_t> ids;
  for (const auto& o : j["organisations"]) {
    RegistryOrganisation org;
    org.id = static_cast<std::int64_t>(r.organisations.size()) + 1;
    org.code = o.value("code", "");
    org.name = o.value("name", "");
    org.short_name = o.value("short_name", "");
    if (o.contains("valid_from") && o["valid_from"].is_string()) org.valid_from = o["valid_from"];
    if (o.contains("valid_to") && o["valid_to"].is_string()) org.valid_to = o["valid_to"];
    if (o.contains("aliases"))
      for (const auto& a : o["aliases"])
        org.aliases.push_back(a.is_array() ? a[0].get<std::string>() : a.get<std::string>());
    if (org.name.empty())
      return invalid_argument("registry: organisation " + std::to_string(org.id) + " has no name");
    ids[org.code] = org.id;
    r.organisations.push_back(std::move(org));
  }
  if (j.contains("successors")) {
    for (const auto& s : j["successors"]) {
      const auto p = ids.find(s.value("predecessor", ""));
      const auto n = ids.find(s.value("successor", ""));
      if (p == ids.end() || n == ids.end())
        return invalid_argument("registry: a successor link names an unknown code");
      r.successions.push_back(
          {p->second, n->second, s.value("scope", "all"), s.value("effective_on", "")});
    }
  }
  return r;
}

Result<Registry> load_registry_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) return not_found("cannot open '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto r = registry_from_json(buffer.str());
  if (!r) return Status(r.status().code(), "'" + path + "': " + r.status().message());
  return r;
}

bool is_agency_group(std::string_view written) {
  return starts_with_folded(written, "cac") ||
         find_folded(written, "ban, nganh") != std::string_view::npos;
}

std::optional<AgencyMatch> resolve_agency(std::string_view written, const Registry& registry,
                                          std::string_view date) {
  const std::string key = key_of(written);
  if (key.size() < 4) return std::nullopt;
  const std::string bare = without_place(key);
  std::optional<AgencyMatch> best;
  for (const auto& o : registry.organisations) {
    double s = 0;
    auto consider = [&](std::string_view name) {
      const std::string k = key_of(name);
      s = std::max({s, similarity(key, k), similarity(bare, without_place(k))});
    };
    consider(o.name);
    if (!o.short_name.empty()) consider(o.short_name);
    for (const auto& a : o.aliases) consider(a);
    if (s < kThreshold) continue;
    const bool valid = valid_on(o, date);
    if (!best || s > best->similarity + 1e-9 ||
        (s > best->similarity - 1e-9 && valid && !best->valid_on_date))
      best = AgencyMatch{o.id, o.name, s, valid};
  }
  return best;
}

namespace {

// True when `written` is one of the organisation's own spellings (marks and all, any case):
// the plan's wording is kept; otherwise OCR damaged it and the registry's name is shown.
bool spelled_as(std::string_view written, const RegistryOrganisation& o) {
  const std::string w = vi::lower(written);
  if (w == vi::lower(o.name) || (!o.short_name.empty() && w == vi::lower(o.short_name)))
    return true;
  for (const auto& a : o.aliases)
    if (w == vi::lower(a)) return true;
  return false;
}

std::vector<const std::string*> candidates(const RegistryOrganisation& o) {
  std::vector<const std::string*> out{&o.name};
  if (!o.short_name.empty()) out.push_back(&o.short_name);
  for (const auto& a : o.aliases) out.push_back(&a);
  return out;
}

// One agency name against the registry: the name to show (the registry's spelling when OCR
// damaged the plan's) and the organisation, if any.
struct NameResolver {
  const Registry& registry;
  std::string date;
  Vocabulary vocab;

  // Text that went through OCR repair may carry damaged names: they are mended from the
  // registry and the vocabulary. Clean text keeps its wording; only the match is added.
  bool mend = false;

  std::pair<std::string, std::optional<std::int64_t>> operator()(std::string part) const {
    auto m = resolve_agency(part, registry, date);
    if (!mend) return {part, m ? std::optional<std::int64_t>(m->organisation_id) : std::nullopt};
    if (!m && !is_agency_group(part)) {
      const std::string repaired = repair_words(part, vocab);
      m = resolve_agency(repaired, registry, date);
      if (!m) part = repaired;
    }
    if (m) {
      const RegistryOrganisation& o = *registry.find(m->organisation_id);
      if (!spelled_as(part, o)) {
        // The same name with wrong marks: the registry's spelling of it; letters damaged
        // too: the registry's name; a short form ("Ủy ban nhân dân thành phố"): as written.
        const std::string letters = letters_of(part);
        const std::string* same = nullptr;
        for (const std::string* c : candidates(o))
          if (letters_of(*c) == letters) same = c;
        if (same != nullptr)
          part = *same;
        else if (m->similarity < 1.0)
          part = m->name;
      }
      return {part, m->organisation_id};
    }
    if (is_agency_group(part)) part = repair_words(part, vocab);
    return {part, std::nullopt};
  }

  std::string name(const std::string& written) const {
    std::string out;
    for (const std::string& part : split_parts(written))
      out += (out.empty() ? "" : "; ") + (*this)(part).first;
    return out;
  }
};

}  // namespace

void resolve_agencies(Plan& plan, const Registry& registry) {
  const NameResolver resolve{registry,
                             plan.document.date   ? *plan.document.date
                             : plan.document.year ? std::to_string(*plan.document.year) + "-12-31"
                                                  : std::string(),
                             vocabulary(registry), plan.from_ocr};
  for (Assignment& a : plan.assignments) {
    if (a.agency.empty()) continue;
    const std::string written = a.agency;
    std::vector<std::string> parts = split_parts(a.agency);
    std::string rebuilt;
    a.parts.clear();
    for (const std::string& part : parts) {
      auto [name, id] = resolve(part);
      if (!id && !is_agency_group(name) &&
          std::find(plan.proposed_organisations.begin(), plan.proposed_organisations.end(), name) ==
              plan.proposed_organisations.end())
        plan.proposed_organisations.push_back(name);
      rebuilt += (rebuilt.empty() ? "" : "; ") + name;
      a.parts.push_back({std::move(name), id});
    }
    a.agency = rebuilt;
    a.group = parts.size() == 1 && is_agency_group(parts.front());
    a.organisation_id = a.parts.size() == 1 ? a.parts.front().organisation_id : std::nullopt;
    if (a.parts.size() == 1) a.parts.clear();
    for (ReportingDuty& d : plan.reporting)
      if (d.from == written) d.from = a.agency;
    a.successors.clear();
    if (!a.organisation_id) continue;
    const RegistryOrganisation* o = registry.find(*a.organisation_id);
    if (o == nullptr || !o->valid_to) continue;
    for (const auto& s : registry.successions) {
      if (s.predecessor != o->id) continue;
      if (const RegistryOrganisation* n = registry.find(s.successor))
        a.successors.push_back({n->id, n->name, s.scope});
    }
  }
  for (ReportingDuty& d : plan.reporting) {
    for (std::optional<std::string>* field : {&d.from, &d.to, &d.via})
      if (*field) **field = resolve.name(**field);
  }
}

}  // namespace loa::doc
