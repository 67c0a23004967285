// File: work/ics.h
//
// An organisation's deadlines as an iCalendar feed (RFC 5545): one all-day event per
// unfinished task and unsent report, for Outlook, Thunderbird or a phone to subscribe to. The
// feed's address carries a secret token (calendar apps do not sign in); making a new one
// revokes the old.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/database.h"
#include "store/reports.h"
#include "store/tasks.h"
#include "work/audit.h"
#include "work/auth.h"

namespace loa::work {

// A new secret token for the user's organisation's feed (the previous one stops working).
Result<std::string> renew_calendar_token(store::Database& db, const Clock& clock,
                                         const SignedInUser& user, const Actor& actor);

// The feed for the organisation whose token this is; not_found for an unknown token.
Result<std::string> calendar_feed(store::Database& db, const Clock& clock, const std::string& token,
                                  const std::string& public_url);

// The VCALENDAR text (CRLF lines, folded at 75 octets, text escaped).
std::string deadlines_ics(const std::string& calendar_name,
                          const std::vector<store::TaskRow>& tasks,
                          const std::vector<store::ReportRequestRow>& requests,
                          const std::string& public_url, std::int64_t now_unix);

}  // namespace loa::work
