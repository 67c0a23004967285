// File: work/official_header.h
//
// What an organisation's official documents carry at the top and the bottom (Nghị định
// 30/2020): the governing body and the issuing body in capitals, the symbol in document
// numbers, the place before the date, and who signs by default.
//
//   auto h = official_header(db, user.organisation_id);
//   // Sở VHTTDL: governing {"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"}, issuer {"SỞ VĂN HÓA, …"},
//   //            symbol "SVHTTDL", place "Hải Phòng", signature "GIÁM ĐỐC"
//   // Đặc khu Cát Hải: issuer {"ỦY BAN NHÂN DÂN", "ĐẶC KHU CÁT HẢI"}, symbol "UBND",
//   //            place "Cát Hải", signature "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "export/docx.h"
#include "store/database.h"
#include "store/organisations.h"

namespace loa::work {

struct OfficialHeader {
  store::Organisation self;
  std::optional<store::Organisation> parent;
  std::vector<std::string> governing;  // upper case, not bold
  std::vector<std::string> issuer;     // upper case, bold
  std::string symbol;                  // "SVHTTDL", "UBND", "STC"
  std::string place;                   // "Hải Phòng", "Cát Hải"

  // The signature block: what the caller gives (upper-cased), else the head of the body.
  office::Signature signature(const std::string& authority, const std::string& title,
                              const std::string& name) const;
};

Result<OfficialHeader> official_header(store::Database& db, std::int64_t organisation_id);

}  // namespace loa::work
