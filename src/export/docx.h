// File: export/docx.h
//
// Official documents as Word files (DOCX) in the layout of Nghị định 30/2020/NĐ-CP: A4, Times
// New Roman, margins 20 mm top and bottom, 30 mm left, 15 mm right; the header of issuing body
// and national motto side by side, the number and the place and date under them; the type name
// and subject; the body (numbered headings, justified paragraphs, tables, bar charts); then
// "Nơi nhận:" beside the signature block; page numbers centred at the top from page 2.
// Sizes and fonts are the Decree's; the words are the caller's.
//
//   office::OfficialDocument d;
//   d.governing = {"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"};
//   d.issuer = {"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"};
//   d.number = "Số:      /BC-SVHTTDL";  d.place_and_date = "Hải Phòng, ngày 03 tháng 12 năm 2026";
//   d.type_name = "BÁO CÁO";  d.subject = "Kết quả thực hiện Kế hoạch …";
//   d.body.push_back(office::heading("I. KẾT QUẢ THỰC HIỆN"));
//   auto bytes = office::write_docx(d);
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "base/status.h"

namespace loa::office {

// A run of text in a paragraph.
struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
};

struct Paragraph {
  enum class Style {
    kBody,     // 14 pt, justified, first line indented
    kHeading,  // 14 pt bold, justified ("I. KẾT QUẢ …", "1. Tình hình …")
    kBullet,   // 14 pt, justified, the "- " hanging
    kCaption,  // 13 pt italic, centred (under a table or chart)
  } style = Style::kBody;
  std::vector<Run> runs;
};

struct Table {
  struct Column {
    std::string header;
    int width_percent = 0;  // of the text width; the rest share what is left
    bool numeric = false;   // right-aligned
  };
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  bool last_row_total = false;  // the last row bold (Tổng cộng)
};

// A horizontal bar chart, one bar per category (several series side by side, with a legend).
// Written as a DrawingML chart with its figures cached in the document, so Word and LibreOffice
// draw it and a reader can copy the numbers.
struct BarChart {
  std::string title;
  std::vector<std::string> categories;
  struct Series {
    std::string name;
    std::vector<double> values;  // one per category
  };
  std::vector<Series> series;
};

struct PageBreak {};

using Block = std::variant<Paragraph, Table, BarChart, PageBreak>;

Paragraph heading(std::string text);
Paragraph body(std::string text);
Paragraph bullet(std::string text);
Paragraph caption(std::string text);

struct Signature {
  std::string authority;  // "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"; empty when the head signs
  std::string title;      // "PHÓ GIÁM ĐỐC"
  std::string name;       // "Nguyễn Văn A"; empty: space left for it
};

struct OfficialDocument {
  std::vector<std::string> governing;  // the body above the issuer, upper case, not bold
  std::vector<std::string> issuer;     // the issuing body, upper case, bold
  std::string number;                  // "Số: 15/BC-SVHTTDL"
  std::string place_and_date;          // "Hải Phòng, ngày 03 tháng 12 năm 2026"
  std::string type_name;               // "BÁO CÁO"
  std::string subject;                 // trích yếu
  std::vector<Block> body;
  std::vector<std::string> recipients;  // "Như trên", "Lưu: VT" — each written "- …;"
  Signature signature;
  std::string title;   // the file's title property
  std::string author;  // the file's author property
};

// The document as the bytes of a .docx file.
Result<std::string> write_docx(const OfficialDocument& document);

// "Hải Phòng, ngày 03 tháng 12 năm 2026" from an ISO date, as the Decree writes it: days under
// 10 and the months 1 and 2 with a leading zero ("ngày 05 tháng 02", "ngày 15 tháng 3").
std::string place_and_date(const std::string& place, const std::string& iso_date);

}  // namespace loa::office
