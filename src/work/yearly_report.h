// File: work/yearly_report.h
//
// The yearly report on a plan (Báo cáo kết quả thực hiện Kế hoạch), written from live data in
// the official layout (export/docx.h): the tasks and reports of every agency, the press
// coverage of each of the plan's topics and by each outlet (with charts), and the results and
// spending of the year's press cooperation against the approved budget. Without a plan, the
// report covers the caller's communication work of the year: coverage about the city on every
// active plan's topics, and all its cooperation programmes.
//
//   YearlyReportRequest r{.year = 2026, .plan_id = 3};
//   auto document = yearly_report(db, user, r, "2026-12-03");
//   auto docx = office::write_docx(*document);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "export/docx.h"
#include "store/database.h"
#include "work/auth.h"

namespace loa::work {

struct YearlyReportRequest {
  int year = 0;
  std::optional<std::int64_t> plan_id;
  std::string number;        // "15/BC-SVHTTDL"; empty: left blank for the clerk ("Số:   /BC-…")
  std::string place;         // empty: the province's name ("Hải Phòng")
  std::string date;          // ISO; empty: today
  std::string authority;     // "KT. GIÁM ĐỐC"
  std::string signer_title;  // empty: the head of the caller's organisation ("GIÁM ĐỐC")
  std::string signer_name;
  std::vector<std::string> recipients;  // empty: the plan's issuer, "Lưu: VT"
  std::string assessment;  // the author's own words for "Đánh giá chung" (paragraphs by line)
  std::string proposals;   // … and for "Kiến nghị, đề xuất"
};

// invalid_argument for a year outside 2000–2100 or a bad date; not_found for a plan the user
// may not see.
Result<office::OfficialDocument> yearly_report(store::Database& db, const SignedInUser& user,
                                               const YearlyReportRequest& request,
                                               const std::string& today);

// The file name people see: "bao-cao-ket-qua-2026-ke-hoach-62-kh-ubnd.docx" (ASCII).
std::string yearly_report_file_name(store::Database& db, const YearlyReportRequest& request,
                                    const std::string& extension);

}  // namespace loa::work
