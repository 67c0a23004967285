// Tables in and out: CSV as spreadsheets save it, XLSX written by libxlsxwriter (as Excel
// would), dates stored as Excel serial numbers, and the errors a damaged file gives.
#include "doc/spreadsheet.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <fstream>
#include <sstream>

#include "doc/zip_archive.h"
#include "support/temp_dir.h"

namespace loa::doc {
namespace {

TEST(SpreadsheetTest, ReadsCsvAsSpreadsheetsWriteIt) {
  // Byte-order mark, semicolons (Excel in a Vietnamese locale), a quoted field with the
  // separator, a doubled quote and a line break, CRLF line ends and a blank line.
  const std::string csv =
      "\xEF\xBB\xBFMã;Tên;Ghi chú\r\n"
      "svhttdl-hp;\"Sở Văn hóa; Thể thao và Du lịch\";\"nói \"\"VHTTDL\"\"\nhai dòng\"\r\n"
      "\r\n"
      "ca-hp;Công an thành phố;'-1\r\n";
  auto t = read_table(csv);
  ASSERT_TRUE(t) << t.status().to_string();
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[0], (std::vector<std::string>{"Mã", "Tên", "Ghi chú"}));
  EXPECT_EQ((*t)[1][1], "Sở Văn hóa; Thể thao và Du lịch");
  EXPECT_EQ((*t)[1][2], "nói \"VHTTDL\"\nhai dòng");
  EXPECT_EQ((*t)[2][2], "-1");  // the apostrophe that kept it from being a formula is gone
}

TEST(SpreadsheetTest, CsvErrorsSayWhere) {
  auto open_quote = read_table("a,b\n1,\"never closed\n2,3\n");
  ASSERT_FALSE(open_quote);
  EXPECT_NE(open_quote.status().message().find("line 2"), std::string::npos)
      << open_quote.status().message();
  auto after_quote = read_table("a,b\n\"x\"y,2\n");
  ASSERT_FALSE(after_quote);
  EXPECT_NE(after_quote.status().message().find("line 2"), std::string::npos);
  TableLimits small;
  small.max_rows = 2;
  EXPECT_FALSE(read_table("a\n1\n2\n3\n", small));
}

TEST(SpreadsheetTest, CsvRoundTripKeepsEveryCell) {
  const Table table = {{"code", "name", "note"},
                       {"a", "Ủy ban nhân dân, thành phố", "=SUM(A1)"},
                       {"", "", "only the last cell"},
                       {"b", "\"Trích\"", "dòng 1\r\ndòng 2"}};
  const std::string csv = write_csv(table);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(csv.find("'=SUM(A1)"), std::string::npos);  // neutralised for spreadsheets
  auto back = read_table(csv);
  ASSERT_TRUE(back) << back.status().to_string();
  EXPECT_EQ(*back, table);
}

TEST(SpreadsheetTest, XlsxRoundTripKeepsEveryCell) {
  const Table table = {{"Mã (code)", "Tên (name)", "Hiệu lực từ (valid_from)"},
                       {"svhttdl-hp", "Sở Văn hóa, Thể thao và Du lịch", "2025-03-01"},
                       {"x", "", "-5"}};
  auto xlsx = write_xlsx(table, "Cơ cấu tổ chức");
  ASSERT_TRUE(xlsx) << xlsx.status().to_string();
  EXPECT_TRUE(xlsx->starts_with("PK"));
  auto back = read_table(*xlsx);
  ASSERT_TRUE(back) << back.status().to_string();
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[0], table[0]);
  EXPECT_EQ((*back)[1], table[1]);
  EXPECT_EQ((*back)[2], (std::vector<std::string>{"x", "", "-5"}));
}

TEST(SpreadsheetTest, NumericColumnsHoldNumbers) {
  const Table table = {{"Hợp đồng", "Giá trị (đồng)"},
                       {"15/2026/HĐ-SVHTTDL", "12500000"},
                       {"16/2026/HĐ-SVHTTDL", "chưa rõ"}};
  auto xlsx = write_xlsx(table, "Hợp đồng", {false, true});
  ASSERT_TRUE(xlsx) << xlsx.status().to_string();
  auto zip = ZipArchive::open(*xlsx, ".xlsx");
  ASSERT_TRUE(zip);
  auto sheet = zip->part("xl/worksheets/sheet1.xml", 1u << 20);
  ASSERT_TRUE(sheet && sheet->has_value());
  EXPECT_NE((*sheet)->find("<v>12500000</v>"), std::string::npos) << **sheet;  // a number
  auto back = read_table(*xlsx);
  ASSERT_TRUE(back) << back.status().to_string();
  EXPECT_EQ((*back)[1][1], "12500000");
  EXPECT_EQ((*back)[2][1], "chưa rõ");  // text stays text
}

// A workbook typed by a person: numbers, a date cell formatted as a date, an empty column.
TEST(SpreadsheetTest, ReadsExcelDatesAndNumbers) {
  testing::TempDir dir;
  const std::string path = dir.file("typed.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  worksheet_write_string(ws, 0, 0, "Tên", nullptr);
  worksheet_write_string(ws, 0, 2, "Hiệu lực từ", nullptr);
  worksheet_write_string(ws, 1, 0, "Xã Thanh Miện", nullptr);
  worksheet_write_number(ws, 1, 1, 42, nullptr);
  worksheet_write_number(ws, 1, 2, 45839, date);  // 1 July 2025
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto t = read_table(bytes.str());
  ASSERT_TRUE(t) << t.status().to_string();
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ((*t)[0], (std::vector<std::string>{"Tên", "", "Hiệu lực từ"}));
  EXPECT_EQ((*t)[1], (std::vector<std::string>{"Xã Thanh Miện", "42", "2025-07-01"}));
}

TEST(SpreadsheetTest, DamagedWorkbookIsRefusedWithAReason) {
  std::string fake = "PK\x03\x04 this is not really a zip archive";
  auto t = read_table(fake);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(t.status().message().find(".xlsx"), std::string::npos) << t.status().message();
}

}  // namespace
}  // namespace loa::doc
