// File: work/official_header.cpp
#include "work/official_header.h"

#include <algorithm>
#include <cctype>

#include "vi/text.h"

namespace loa::work {
namespace {

bool commune_level(const store::Organisation& o) {
  return o.kind == "commune" || o.kind == "ward" || o.kind == "special_zone";
}

// "Xã Thanh Miện" → "Thanh Miện"; "Ủy ban nhân dân thành phố Hải Phòng" → "Hải Phòng".
std::string place_name(const std::string& name) {
  std::string rest = name;
  for (const char* prefix : {"Ủy ban nhân dân ", "Thành phố ", "thành phố ", "Tỉnh ", "tỉnh ",
                             "Xã ", "Phường ", "Đặc khu "}) {
    if (rest.starts_with(prefix)) rest = rest.substr(std::string_view(prefix).size());
  }
  return rest;
}

// The symbol of the issuing body in document numbers: its abbreviation ("SVHTTDL"), UBND for
// people's committees, else the initials of its name ("Sở Tài chính" → "STC").
std::string issuer_symbol(const store::Organisation& o) {
  if (o.kind == "people_committee" || commune_level(o)) return "UBND";
  for (const auto& a : o.aliases) {
    if (a.kind != "abbreviation") continue;
    if (std::all_of(a.text.begin(), a.text.end(),
                    [](unsigned char c) { return c >= 0x80 || std::isalpha(c); }))
      return a.text;
  }
  std::string initials;
  std::size_t i = 0;
  const std::string folded = vi::fold(o.name);
  while (i < folded.size()) {
    while (i < folded.size() && !std::isalpha(static_cast<unsigned char>(folded[i]))) ++i;
    const std::size_t start = i;
    while (i < folded.size() && std::isalpha(static_cast<unsigned char>(folded[i]))) ++i;
    const std::string word = folded.substr(start, i - start);
    if (!word.empty() && word != "va")
      initials += static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  }
  return initials;
}

}  // namespace

office::Signature OfficialHeader::signature(const std::string& authority, const std::string& title,
                                            const std::string& name) const {
  office::Signature s{authority, title, name};
  if (s.title.empty()) {
    if (self.kind == "people_committee" || commune_level(self)) {
      if (s.authority.empty()) s.authority = "TM. ỦY BAN NHÂN DÂN";
      s.title = "CHỦ TỊCH";
    } else if (self.kind == "department") {
      s.title = "GIÁM ĐỐC";
    } else {
      s.title = "THỦ TRƯỞNG CƠ QUAN";
    }
  }
  s.authority = vi::upper(s.authority);
  s.title = vi::upper(s.title);
  return s;
}

Result<OfficialHeader> official_header(store::Database& db, std::int64_t organisation_id) {
  auto self = store::find_organisation(db, organisation_id);
  if (!self) return self.status();
  OfficialHeader h;
  h.self = *self;
  std::string province = place_name(self->name);
  std::optional<std::int64_t> up = self->parent_id;
  for (int depth = 0; up && depth < 8; ++depth) {
    auto o = store::find_organisation(db, *up);
    if (!o) return o.status();
    if (!h.parent) h.parent = *o;
    province = place_name(o->name);
    up = o->parent_id;
  }
  if (commune_level(h.self)) {
    h.issuer = {"ỦY BAN NHÂN DÂN", vi::upper(h.self.name)};
    h.place = place_name(h.self.name);
  } else {
    if (h.parent && h.self.kind != "people_committee") h.governing = {vi::upper(h.parent->name)};
    h.issuer = {vi::upper(h.self.name)};
    h.place = province;
  }
  h.symbol = issuer_symbol(h.self);
  return h;
}

}  // namespace loa::work
