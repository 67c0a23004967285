// File: work/rollup.h
//
// The views leaders and coordinators read: a plan's matrix (each organisation × its tasks and
// reports, with status, overdue counts and completion rate) and the overdue dashboard (every
// late task and report the caller may see, grouped by organisation, the latest first).
// Both respect the caller's visibility: a member sees her own organisation's row.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "store/database.h"
#include "work/auth.h"

namespace loa::work {

// GET /api/v1/plans/{id}/matrix (docs/API.md has the shape).
Result<nlohmann::json> plan_matrix(store::Database& db, const SignedInUser& user,
                                   std::int64_t plan_id, const std::string& today);

// GET /api/v1/plans/{id}/report-rollup: the figures of the plan's reports summed per period
// and per level (communes, wards and special zones; city departments and bodies), accepted and
// all submitted, with each organisation's line; and the same for the plans that implement it
// (a commune's own plan under the city's), so the city sees what its communes report.
Result<nlohmann::json> report_rollup(store::Database& db, const SignedInUser& user,
                                     std::int64_t plan_id, const std::string& today);

// GET /api/v1/overdue.
Result<nlohmann::json> overdue_dashboard(store::Database& db, const SignedInUser& user,
                                         const std::string& today);

}  // namespace loa::work
