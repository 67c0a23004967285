// File: doc/agencies.h
//
// Agency resolution: which organisation of the registry a plan means by "Sở Thông tin và
// Truyền thông", "Sở TT&TT", "UBND thành phố" or an OCR-damaged "Số' Thông tin và Truyền
// thông". Names are compared folded, with the usual abbreviations written out (UBND, HĐND,
// TT&TT, TP) and a little tolerance for what OCR repair left. The match is the organisation as
// it was on the plan's date; an abolished body comes with its successors (the 2025 reform:
// Sở Thông tin và Truyền thông → Sở Văn hóa, Thể thao và Du lịch for the press).
//
// A name that matches nothing is proposed as a new organisation for the coordinator to
// confirm, never created silently. Groups ("Các sở, ban, ngành …") are not organisations.
//
// The registry is the organisations table (store/organisations.h) or, for tools and tests,
// a JSON file in the shape of data/demo/haiphong.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "doc/plan.h"

namespace loa::doc {

struct RegistryOrganisation {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string short_name;
  std::optional<std::string> valid_from;  // ISO dates; null: open
  std::optional<std::string> valid_to;
  std::vector<std::string> aliases;
};

struct RegistrySuccession {
  std::int64_t predecessor = 0;
  std::int64_t successor = 0;
  std::string scope;  // "all", or the functions that moved ("báo chí, xuất bản, …")
  std::string effective_on;
};

struct Registry {
  std::vector<RegistryOrganisation> organisations;
  std::vector<RegistrySuccession> successions;
  const RegistryOrganisation* find(std::int64_t id) const;
};

// Reads data/demo/haiphong.json's "organisations" and "successors" (ids numbered from 1 in
// file order, as `loa serve --demo` creates them).
Result<Registry> load_registry_json(const std::string& path);
Result<Registry> registry_from_json(std::string_view json_text);

struct AgencyMatch {
  std::int64_t organisation_id = 0;
  std::string name;           // the registry's name
  double similarity = 0;      // 1: the same name folded; lower: OCR-damaged
  bool valid_on_date = true;  // the organisation existed on the plan's date
};

// The registry organisation `written` names, as of `date` (ISO; empty: any time).
std::optional<AgencyMatch> resolve_agency(std::string_view written, const Registry& registry,
                                          std::string_view date = {});

// True for a group of agencies rather than one ("Các sở, ban, ngành", "các cơ quan báo chí").
bool is_agency_group(std::string_view written);

// Resolves every assignment of `plan` (organisation_id; when the plan was read from OCR, the
// name mended to the registry's spelling where OCR damaged it) and lists, in
// plan.proposed_organisations, the names that match none.
void resolve_agencies(Plan& plan, const Registry& registry);

}  // namespace loa::doc
