// Keeping the organisation registry: add, edit, end, delete, export and import.
#include "work/organisations.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "base/dates.h"
#include "vi/text.h"

namespace loa::work {

namespace {

struct Term {
  const char* code;
  const char* vietnamese;  // also accepted in imported files
};

constexpr Term kKinds[] = {{"people_committee", "Ủy ban nhân dân"},
                           {"council", "Hội đồng nhân dân"},
                           {"department", "Sở, ban, ngành"},
                           {"commune", "Xã"},
                           {"ward", "Phường"},
                           {"special_zone", "Đặc khu"},
                           {"district", "Quận, huyện"},
                           {"press", "Cơ quan báo chí"},
                           {"party", "Cấp ủy Đảng"},
                           {"party_board", "Ban của cấp ủy"},
                           {"mass_org", "Tổ chức chính trị - xã hội"},
                           {"police", "Công an"},
                           {"military", "Quân sự"},
                           {"public_unit", "Đơn vị sự nghiệp"},
                           {"other", "Khác"}};
constexpr Term kLevels[] = {{"central", "Trung ương"},
                            {"province", "Tỉnh, thành phố"},
                            {"district", "Huyện"},
                            {"commune", "Xã, phường, đặc khu"}};
constexpr Term kAliasKinds[] = {
    {"abbreviation", "viết tắt"}, {"former_name", "tên cũ"}, {"ocr", "lỗi OCR"}, {"other", "khác"}};

template <std::size_t N>
bool known(const Term (&terms)[N], const std::string& code) {
  return std::any_of(std::begin(terms), std::end(terms),
                     [&](const Term& t) { return code == t.code; });
}

// The code for a code or a Vietnamese name, accent- and case-insensitively; nullopt if neither.
template <std::size_t N>
std::optional<std::string> term_code(const Term (&terms)[N], const std::string& text) {
  const std::string f = vi::fold(text);
  for (const Term& t : terms)
    if (f == t.code || f == vi::fold(t.vietnamese)) return std::string(t.code);
  return std::nullopt;
}

std::string slug(const std::string& name) {
  std::string out;
  for (char c : vi::fold(name)) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word)
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
    if (out.size() >= 48) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "org" : out;
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// Normal form of a name-like text: NFC, one tone-mark convention, single spaces, trimmed.
Result<std::string> clean_name(const std::string& text, const std::string& field,
                               std::size_t max_bytes) {
  auto n = vi::normalize(text);
  if (!n) return invalid_argument(field + ": " + n.status().message());
  std::string out;
  for (char c : *n) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > max_bytes) return invalid_argument(field + " is too long");
  return out;
}

// Checks and normalises the fields of one row (not its parent, which needs the others).
Status check_fields(store::Organisation& org) {
  auto name = clean_name(org.name, "name", 600);
  if (!name) return name.status();
  if (name->size() < 2) return invalid_argument("name must be 2 to 200 characters");
  org.name = *name;
  if (org.short_name) {
    auto s = clean_name(*org.short_name, "short_name", 200);
    if (!s) return s.status();
    org.short_name = s->empty() ? std::nullopt : std::optional(*s);
  }
  if (!known(kKinds, org.kind)) return invalid_argument("unknown kind '" + org.kind + "'");
  if (!known(kLevels, org.level)) return invalid_argument("unknown level '" + org.level + "'");
  for (auto* date : {&org.valid_from, &org.valid_to}) {
    if (*date && date->value().empty()) date->reset();
    if (*date && !valid_iso_date(**date)) {
      return invalid_argument(std::string(date == &org.valid_from ? "valid_from" : "valid_to") +
                              " must be a date YYYY-MM-DD, not '" + **date + "'");
    }
  }
  if (org.valid_from && org.valid_to && *org.valid_to < *org.valid_from)
    return invalid_argument("valid_to " + *org.valid_to + " is before valid_from " +
                            *org.valid_from);
  std::vector<store::Alias> aliases;
  for (store::Alias a : org.aliases) {
    auto text = clean_name(a.text, "alias", 600);
    if (!text) return text.status();
    if (text->empty()) continue;
    if (!known(kAliasKinds, a.kind))
      return invalid_argument("alias '" + *text + "': unknown kind '" + a.kind + "'");
    a.text = *text;
    const bool repeated = std::any_of(aliases.begin(), aliases.end(), [&](const store::Alias& b) {
      return vi::lower(b.text) == vi::lower(a.text);
    });
    if (!repeated) aliases.push_back(a);
  }
  org.aliases = std::move(aliases);
  return Status::ok();
}

Status check_successors(const store::Organisation& org, std::vector<store::Successor>& links,
                        const std::function<bool(std::int64_t)>& exists) {
  std::set<std::pair<std::int64_t, std::string>> seen;
  for (auto& l : links) {
    l.predecessor_id = org.id;
    if (l.successor_id == org.id && org.id != 0)
      return invalid_argument("an organisation cannot be its own successor");
    if (!exists(l.successor_id))
      return invalid_argument("successor: no organisation with id " +
                              std::to_string(l.successor_id));
    auto scope = clean_name(l.scope, "successor scope", 400);
    if (!scope) return scope.status();
    l.scope = scope->empty() ? "all" : *scope;
    if (!valid_iso_date(l.effective_on))
      return invalid_argument("successor: effective_on must be a date YYYY-MM-DD, not '" +
                              l.effective_on + "'");
    if (!seen.insert({l.successor_id, l.scope}).second)
      return invalid_argument("successor " + std::to_string(l.successor_id) + " with scope '" +
                              l.scope + "' is listed twice");
  }
  return Status::ok();
}

// The first organisation on `start`'s chain of parents that repeats; nullopt without a cycle.
std::optional<std::int64_t> cycle_from(
    std::int64_t start,
    const std::unordered_map<std::int64_t, std::optional<std::int64_t>>& parent) {
  std::set<std::int64_t> seen{start};
  std::optional<std::int64_t> at = start;
  for (;;) {
    auto it = parent.find(*at);
    if (it == parent.end() || !it->second) return std::nullopt;
    at = it->second;
    if (!seen.insert(*at).second) return *at;
  }
}

nlohmann::json audit_json(const store::Organisation& o,
                          const std::vector<store::Successor>& successors) {
  nlohmann::json aliases = nlohmann::json::array();
  for (const auto& a : o.aliases) aliases.push_back({{"alias", a.text}, {"kind", a.kind}});
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : successors)
    links.push_back(
        {{"successor_id", l.successor_id}, {"scope", l.scope}, {"effective_on", l.effective_on}});
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"id", o.id},
          {"code", o.code},
          {"name", o.name},
          {"short_name", opt(o.short_name)},
          {"kind", o.kind},
          {"level", o.level},
          {"parent_id", opt(o.parent_id)},
          {"valid_from", opt(o.valid_from)},
          {"valid_to", opt(o.valid_to)},
          {"aliases", aliases},
          {"successors", links}};
}

std::vector<store::Successor> successors_of(const std::vector<store::Successor>& all,
                                            std::int64_t id) {
  std::vector<store::Successor> out;
  for (const auto& l : all)
    if (l.predecessor_id == id) out.push_back(l);
  return out;
}

bool same_fields(const store::Organisation& a, const store::Organisation& b) {
  return a.name == b.name && a.short_name == b.short_name && a.kind == b.kind &&
         a.level == b.level && a.parent_id == b.parent_id && a.valid_from == b.valid_from &&
         a.valid_to == b.valid_to;
}

bool same_links(std::vector<store::Successor> a, std::vector<store::Successor> b) {
  auto key = [](const store::Successor& l) { return std::tie(l.successor_id, l.scope); };
  auto by_key = [&](const auto& x, const auto& y) { return key(x) < key(y); };
  std::sort(a.begin(), a.end(), by_key);
  std::sort(b.begin(), b.end(), by_key);
  return a == b;
}

bool same_aliases(std::vector<store::Alias> a, std::vector<store::Alias> b) {
  auto by_text = [](const auto& x, const auto& y) { return x.text < y.text; };
  std::sort(a.begin(), a.end(), by_text);
  std::sort(b.begin(), b.end(), by_text);
  return a == b;
}

// Stores one checked edit (fields, aliases, successor links) and its audit record.
Status write_edit(store::Database& db, const Clock& clock, const Actor& actor,
                  const store::Organisation& before,
                  const std::vector<store::Successor>& before_links,
                  const store::Organisation& after, const std::vector<store::Successor>& links,
                  const std::string& action) {
  const std::string now = format_utc(clock.now_unix());
  if (!same_fields(before, after)) LOA_RETURN_IF_ERROR(store::update_organisation(db, after, now));
  if (!same_aliases(before.aliases, after.aliases))
    LOA_RETURN_IF_ERROR(store::replace_organisation_aliases(db, after.id, after.aliases));
  if (!same_links(before_links, links))
    LOA_RETURN_IF_ERROR(store::replace_organisation_successors(db, after.id, links));
  // A body the import has just added had no record before: its audit entry says so.
  const bool created = action == "organisation.import_create";
  return record_change(
      db, clock, actor,
      {action, "organisation", std::to_string(after.id),
       created ? std::nullopt : std::optional(audit_json(before, before_links).dump()),
       audit_json(after, links).dump()});
}

}  // namespace

bool valid_organisation_kind(const std::string& kind) { return known(kKinds, kind); }
bool valid_organisation_level(const std::string& level) { return known(kLevels, level); }
bool valid_alias_kind(const std::string& kind) { return known(kAliasKinds, kind); }

Result<std::int64_t> create_organisation(store::Database& db, const Clock& clock,
                                         const NewOrganisation& org, const Actor& actor) {
  store::Organisation row;
  row.name = org.name;
  row.short_name = org.short_name;
  row.kind = org.kind;
  row.level = org.level;
  row.parent_id = org.parent_id;
  LOA_RETURN_IF_ERROR(check_fields(row));

  const std::string now = format_utc(clock.now_unix());
  row.valid_from = now.substr(0, 10);
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto existing = store::list_organisations(db, now.substr(0, 10));
  if (!existing) return existing.status();
  for (const auto& o : *existing)
    if (vi::lower(o.name) == vi::lower(row.name))
      return already_exists("an organisation named '" + o.name + "' exists (id " +
                            std::to_string(o.id) + ")");
  if (org.parent_id) {
    auto parent = store::find_organisation(db, *org.parent_id);
    if (!parent)
      return invalid_argument("parent: no organisation with id " + std::to_string(*org.parent_id));
  }
  const std::string base = slug(row.name);
  for (int k = 1;; ++k) {
    row.code = k == 1 ? base : base + "-" + std::to_string(k);
    auto taken = store::find_organisation_by_code(db, row.code);
    if (!taken && taken.status().code() == StatusCode::kNotFound) break;
    if (!taken) return taken.status();
    if (k > 100) return internal_error("no free organisation code for '" + row.name + "'");
  }
  auto id = store::insert_organisation(db, row, now);
  if (!id) return id.status();
  row.id = *id;
  LOA_RETURN_IF_ERROR(record_change(db, clock, actor,
                                    {"organisation.create", "organisation", std::to_string(*id),
                                     std::nullopt, audit_json(row, {}).dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

Status update_organisation(store::Database& db, const Clock& clock, const OrganisationEdit& edit,
                           const Actor& actor) {
  store::Organisation after = edit.org;
  std::vector<store::Successor> links = edit.successors;
  LOA_RETURN_IF_ERROR(check_fields(after));

  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto before = store::find_organisation(db, after.id);
  if (!before) return before.status();
  if (before->version != after.version) {
    return conflict("organisation " + std::to_string(after.id) +
                    " was changed by someone else since you opened it (version " +
                    std::to_string(before->version) + ", not " + std::to_string(after.version) +
                    "); reload it and make the change again");
  }
  after.code = before->code;
  auto all = store::list_organisations(db, std::nullopt);
  if (!all) return all.status();
  std::unordered_map<std::int64_t, std::optional<std::int64_t>> parent;
  for (const auto& o : *all) parent[o.id] = o.parent_id;
  if (after.parent_id) {
    if (!parent.contains(*after.parent_id))
      return invalid_argument("parent: no organisation with id " +
                              std::to_string(*after.parent_id));
    parent[after.id] = after.parent_id;
    if (cycle_from(after.id, parent))
      return invalid_argument(
          "parent: an organisation cannot be placed under itself or one of "
          "its own units");
  }
  LOA_RETURN_IF_ERROR(
      check_successors(after, links, [&](std::int64_t id) { return parent.contains(id); }));
  auto all_links = store::list_organisation_successors(db);
  if (!all_links) return all_links.status();
  LOA_RETURN_IF_ERROR(write_edit(db, clock, actor, *before, successors_of(*all_links, after.id),
                                 after, links, "organisation.update"));
  return tx.commit();
}

Status delete_organisation(store::Database& db, const Clock& clock, std::int64_t id,
                           const Actor& actor) {
  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto org = store::find_organisation(db, id);
  if (!org) return org.status();
  auto usage = store::organisation_usage(db, id);
  if (!usage) return usage.status();
  if (usage->any()) {
    std::string uses;
    auto add = [&](std::int64_t n, const char* what) {
      if (n > 0) uses += (uses.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    };
    add(usage->tasks, "tasks");
    add(usage->report_requests, "report requests");
    add(usage->plans, "plans");
    add(usage->users, "users");
    add(usage->files, "files");
    add(usage->children, "subordinate organisations");
    add(usage->successor_links, "bodies it succeeds");
    add(usage->other, "progress updates and reporting duties");
    return conflict("'" + org->name + "' cannot be deleted: " + uses +
                    " refer to it; end its validity instead (set valid_to)");
  }
  auto links = store::list_organisation_successors(db);
  if (!links) return links.status();
  LOA_RETURN_IF_ERROR(store::delete_organisation(db, id));
  LOA_RETURN_IF_ERROR(
      record_change(db, clock, actor,
                    {"organisation.delete", "organisation", std::to_string(id),
                     audit_json(*org, successors_of(*links, id)).dump(), std::nullopt}));
  return tx.commit();
}

// ---- Spreadsheet exchange -----------------------------------------------------------------

namespace {

enum Column {
  kCode,
  kName,
  kShortName,
  kKind,
  kLevel,
  kParent,
  kValidFrom,
  kValidTo,
  kAliases,
  kSuccessors,
  kColumnCount
};

constexpr Term kColumns[] = {{"code", "Mã"},
                             {"name", "Tên"},
                             {"short_name", "Tên viết tắt"},
                             {"kind", "Loại"},
                             {"level", "Cấp"},
                             {"parent_code", "Mã cơ quan cấp trên"},
                             {"valid_from", "Hiệu lực từ"},
                             {"valid_to", "Hiệu lực đến"},
                             {"aliases", "Tên gọi khác"},
                             {"successors", "Cơ quan kế thừa"}};

std::string header_of(int column) {
  return std::string(kColumns[column].vietnamese) + " (" + kColumns[column].code + ")";
}

// "Mã (code)", "code", "Mã", "ma" → kCode.
std::optional<int> column_of_header(const std::string& header) {
  const std::string f = vi::fold(header);
  for (int c = 0; c < kColumnCount; ++c) {
    const std::string code = kColumns[c].code;
    if (f == code || f == vi::fold(kColumns[c].vietnamese) || f.ends_with("(" + code + ")"))
      return c;
  }
  return std::nullopt;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string part;
  for (char c : text) {
    if (c == sep) {
      if (auto t = trim(part); !t.empty()) out.push_back(t);
      part.clear();
    } else {
      part += c;
    }
  }
  if (auto t = trim(part); !t.empty()) out.push_back(t);
  return out;
}

// "UBND TP (abbreviation); Sở TT&TT (tên cũ)" ↔ aliases.
std::string format_aliases(const std::vector<store::Alias>& aliases) {
  std::string out;
  for (const auto& a : aliases) out += (out.empty() ? "" : "; ") + a.text + " (" + a.kind + ")";
  return out;
}
std::vector<store::Alias> parse_aliases(const std::string& cell) {
  std::vector<store::Alias> out;
  for (const std::string& part : split(cell, ';')) {
    store::Alias a{part, "other"};
    if (part.ends_with(")")) {
      const std::size_t open = part.rfind('(');
      if (open != std::string::npos) {
        if (auto kind = term_code(kAliasKinds, part.substr(open + 1, part.size() - open - 2))) {
          a.kind = *kind;
          a.text = trim(part.substr(0, open));
        }
      }
    }
    out.push_back(a);
  }
  return out;
}

// "svhttdl-hp: báo chí, xuất bản @ 2025-03-01; skhcn-hp: chuyển đổi số @ 2025-03-01".
struct SuccessorSpec {
  std::string code;
  std::string scope = "all";
  std::string effective_on;
};
std::string format_successors(const std::vector<store::Successor>& links,
                              const std::unordered_map<std::int64_t, std::string>& code_of) {
  std::string out;
  for (const auto& l : links) {
    auto it = code_of.find(l.successor_id);
    if (it == code_of.end()) continue;
    out += (out.empty() ? "" : "; ") + it->second;
    if (l.scope != "all") out += ": " + l.scope;
    out += " @ " + l.effective_on;
  }
  return out;
}
Result<std::vector<SuccessorSpec>> parse_successors(const std::string& cell) {
  std::vector<SuccessorSpec> out;
  for (std::string part : split(cell, ';')) {
    SuccessorSpec s;
    if (const std::size_t at = part.rfind('@'); at != std::string::npos) {
      s.effective_on = trim(part.substr(at + 1));
      part = trim(part.substr(0, at));
    }
    if (const std::size_t colon = part.find(':'); colon != std::string::npos) {
      s.scope = trim(part.substr(colon + 1));
      part = trim(part.substr(0, colon));
    }
    s.code = part;
    if (!valid_code(s.code))
      return invalid_argument("'" + s.code + "' is not an organisation code (write " +
                              "'code: scope @ YYYY-MM-DD; …')");
    out.push_back(s);
  }
  return out;
}

// Parents before children, then by name: the order a person reads a registry in.
std::vector<const store::Organisation*> tree_order(const std::vector<store::Organisation>& orgs) {
  std::unordered_map<std::int64_t, std::vector<const store::Organisation*>> children;
  std::unordered_map<std::int64_t, const store::Organisation*> by_id;
  for (const auto& o : orgs) by_id[o.id] = &o;
  std::vector<const store::Organisation*> roots;
  for (const auto& o : orgs) {
    if (o.parent_id && by_id.contains(*o.parent_id))
      children[*o.parent_id].push_back(&o);
    else
      roots.push_back(&o);
  }
  std::vector<const store::Organisation*> out;
  std::set<std::int64_t> done;
  std::function<void(const store::Organisation*)> visit = [&](const store::Organisation* o) {
    if (!done.insert(o->id).second) return;
    out.push_back(o);
    for (const auto* c : children[o->id]) visit(c);
  };
  for (const auto* r : roots) visit(r);
  for (const auto& o : orgs) visit(&o);  // any left in a (corrupt) cycle
  return out;
}

}  // namespace

Result<doc::Table> export_registry(store::Database& db, const std::optional<std::string>& as_of) {
  auto orgs = store::list_organisations(db, as_of);
  if (!orgs) return orgs.status();
  auto all = store::list_organisations(db, std::nullopt);
  if (!all) return all.status();
  auto links = store::list_organisation_successors(db);
  if (!links) return links.status();
  std::unordered_map<std::int64_t, std::string> code_of;
  for (const auto& o : *all) code_of[o.id] = o.code;
  doc::Table table;
  table.emplace_back();
  for (int c = 0; c < kColumnCount; ++c) table.back().push_back(header_of(c));
  for (const store::Organisation* o : tree_order(*orgs)) {
    table.push_back({o->code, o->name, o->short_name.value_or(""), o->kind, o->level,
                     o->parent_id ? code_of[*o->parent_id] : "", o->valid_from.value_or(""),
                     o->valid_to.value_or(""), format_aliases(o->aliases),
                     format_successors(successors_of(*links, o->id), code_of)});
  }
  return table;
}

namespace {

// One organisation as the import leaves it.
struct Entry {
  store::Organisation org;
  std::optional<store::Organisation> before;  // nullopt: added by this import
  std::vector<store::Successor> before_links;
  std::optional<std::string> parent_code;  // set when the file gives the parent column
  std::optional<std::vector<SuccessorSpec>> successors;
  int row = 0;  // 1-based row of the file; 0: not in the file
};

}  // namespace

Result<RegistryImport> import_registry(store::Database& db, const Clock& clock,
                                       const doc::Table& table, bool dry_run, const Actor& actor) {
  RegistryImport result;
  if (table.empty()) return invalid_argument("the file is empty: no header row");
  std::array<std::optional<std::size_t>, kColumnCount> at{};
  for (std::size_t i = 0; i < table[0].size(); ++i) {
    const std::string header = trim(table[0][i]);
    if (header.empty()) continue;
    auto c = column_of_header(header);
    if (!c) {
      result.ignored_columns.push_back(header);
    } else if (at[*c]) {
      return invalid_argument("column '" + header + "' appears twice in the header row");
    } else {
      at[*c] = i;
    }
  }
  if (!at[kName])
    return invalid_argument("the header row has no '" + header_of(kName) +
                            "' column; export the registry to see the expected columns");

  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto existing = store::list_organisations(db, std::nullopt);
  if (!existing) return existing.status();
  auto links = store::list_organisation_successors(db);
  if (!links) return links.status();
  std::map<std::string, Entry> entries;  // by code
  std::unordered_map<std::int64_t, std::string> code_of;
  for (const auto& o : *existing) code_of[o.id] = o.code;
  for (const auto& o : *existing)
    entries[o.code] = {o, o, successors_of(*links, o.id), std::nullopt, std::nullopt, 0};

  auto error = [&](std::size_t row, std::optional<int> column, const std::string& what) {
    if (result.errors.size() >= 100) return;
    std::string where = "row " + std::to_string(row);
    if (column) where += ", column '" + header_of(*column) + "'";
    result.errors.push_back(where + ": " + what);
  };
  std::set<std::string> seen_codes;
  for (std::size_t r = 1; r < table.size(); ++r) {
    const auto& cells = table[r];
    const std::size_t row = r + 1;
    auto cell = [&](int c) -> std::optional<std::string> {
      if (!at[c]) return std::nullopt;
      return *at[c] < cells.size() ? trim(cells[*at[c]]) : std::string();
    };
    if (std::all_of(cells.begin(), cells.end(), [](const auto& s) { return trim(s).empty(); }))
      continue;
    std::string code = cell(kCode).value_or("");
    const std::string name = cell(kName).value_or("");
    if (name.empty()) {
      error(row, kName, "the name is empty");
      continue;
    }
    if (code.empty()) {
      const std::string base = slug(name);
      for (int k = 1; code.empty() || entries.contains(code); ++k)
        code = k == 1 ? base : base + "-" + std::to_string(k);
    } else if (!valid_code(code)) {
      error(row, kCode, "'" + code + "' is not a code (lower-case letters, digits and '-')");
      continue;
    }
    if (!seen_codes.insert(code).second) {
      error(row, kCode, "code '" + code + "' appears on an earlier row too");
      continue;
    }
    Entry& e = entries[code];
    const bool is_new = !e.before;
    e.row = static_cast<int>(row);
    if (is_new) {
      e.org.code = code;
      e.org.kind = "other";
      e.org.level = "province";
    }
    e.org.name = name;
    if (auto v = cell(kShortName)) e.org.short_name = *v;
    if (auto v = cell(kKind)) {
      if (auto k = term_code(kKinds, *v))
        e.org.kind = *k;
      else if (!v->empty())
        error(row, kKind, "unknown kind '" + *v + "'");
    }
    if (auto v = cell(kLevel)) {
      if (auto l = term_code(kLevels, *v))
        e.org.level = *l;
      else if (!v->empty())
        error(row, kLevel, "unknown level '" + *v + "'");
    }
    for (auto [column, field] :
         {std::pair{kValidFrom, &e.org.valid_from}, std::pair{kValidTo, &e.org.valid_to}}) {
      auto v = cell(column);
      if (!v) continue;
      if (!v->empty() && !valid_iso_date(*v)) {
        error(row, column, "'" + *v + "' is not a date YYYY-MM-DD");
        continue;
      }
      *field = v->empty() ? std::nullopt : std::optional(*v);
    }
    if (auto v = cell(kParent)) e.parent_code = *v;
    if (auto v = cell(kAliases)) e.org.aliases = parse_aliases(*v);
    if (auto v = cell(kSuccessors)) {
      auto specs = parse_successors(*v);
      if (specs)
        e.successors = *specs;
      else
        error(row, kSuccessors, specs.status().message());
    }
    Status s = check_fields(e.org);
    if (!s) error(row, std::nullopt, s.message());
  }

  // Parents and successors name codes: those stored, or those the file adds.
  std::unordered_map<std::string, std::optional<std::string>> parent_code_of;
  for (auto& [code, e] : entries) {
    if (e.parent_code) {
      if (!e.parent_code->empty() && !entries.contains(*e.parent_code))
        error(static_cast<std::size_t>(e.row), kParent,
              "no organisation with code '" + *e.parent_code + "'");
      parent_code_of[code] = e.parent_code->empty() ? std::nullopt : std::optional(*e.parent_code);
    } else {
      parent_code_of[code] = e.org.parent_id && code_of.contains(*e.org.parent_id)
                                 ? std::optional(code_of[*e.org.parent_id])
                                 : std::nullopt;
    }
    if (e.successors) {
      for (auto& s : *e.successors) {
        if (!entries.contains(s.code)) {
          error(static_cast<std::size_t>(e.row), kSuccessors,
                "no organisation with code '" + s.code + "'");
        } else if (s.code == code) {
          error(static_cast<std::size_t>(e.row), kSuccessors, "a body cannot succeed itself");
        }
        if (s.effective_on.empty()) {
          if (e.org.valid_to) {
            auto day = day_number(*e.org.valid_to);
            s.effective_on = iso_from_day(*day + 1);
          } else {
            error(
                static_cast<std::size_t>(e.row), kSuccessors,
                "successor '" + s.code + "' needs a date ('@ YYYY-MM-DD') when valid_to is empty");
          }
        } else if (!valid_iso_date(s.effective_on)) {
          error(static_cast<std::size_t>(e.row), kSuccessors,
                "'" + s.effective_on + "' is not a date YYYY-MM-DD");
        }
      }
    }
  }
  for (const auto& [code, e] : entries) {
    if (e.row == 0) continue;
    std::set<std::string> seen{code};
    for (auto p = parent_code_of[code]; p; p = parent_code_of[*p]) {
      if (!seen.insert(*p).second) {
        error(static_cast<std::size_t>(e.row), kParent,
              "the parents of '" + code + "' lead back to '" + *p + "' (a cycle)");
        break;
      }
      if (!parent_code_of.contains(*p)) break;
    }
  }
  if (!result.errors.empty()) return result;

  // Add the new bodies first (without parents), so that every code has an id.
  const std::string now = format_utc(clock.now_unix());
  std::unordered_map<std::string, std::int64_t> id_of;
  for (auto& [code, e] : entries) {
    if (!e.before) {
      store::Organisation bare = e.org;
      bare.parent_id.reset();
      auto id = store::insert_organisation(db, bare, now);
      if (!id) return id.status();
      e.org.id = *id;
      e.before = bare;
      e.before->id = *id;
      e.before->aliases.clear();
      ++result.created;
      e.row = -e.row;  // counted as created, not updated
    }
    id_of[code] = e.org.id;
  }
  for (auto& [code, e] : entries) {
    if (e.row == 0) continue;
    const bool created = e.row < 0;
    auto p = parent_code_of[code];
    e.org.parent_id = p ? std::optional(id_of[*p]) : std::nullopt;
    std::vector<store::Successor> new_links = e.before_links;
    if (e.successors) {
      new_links.clear();
      for (const auto& s : *e.successors)
        new_links.push_back(
            {e.org.id, id_of[s.code], s.scope.empty() ? "all" : s.scope, s.effective_on});
    }
    const bool changed = created || !same_fields(*e.before, e.org) ||
                         !same_aliases(e.before->aliases, e.org.aliases) ||
                         !same_links(e.before_links, new_links);
    if (!changed) {
      ++result.unchanged;
      continue;
    }
    if (!created) ++result.updated;
    e.org.version = e.before->version;
    Status s = write_edit(db, clock, actor, *e.before, e.before_links, e.org, new_links,
                          created ? "organisation.import_create" : "organisation.import_update");
    if (!s) return s;
  }
  if (dry_run) return result;  // the transaction rolls back
  LOA_RETURN_IF_ERROR(tx.commit());
  result.applied = true;
  return result;
}

}  // namespace loa::work
