// File: doc/spreadsheet.h
//
// Tables as officials exchange them: CSV (as Excel and LibreOffice save it) and XLSX. Used
// for the organisation registry's import and export, and the audit log's CSV.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace loa::doc {

// Rows of cells, the first row usually the header. Cells are UTF-8 text; XLSX dates are
// given as ISO "YYYY-MM-DD", whole numbers without a decimal point. Empty cells at the end
// of a row and empty rows are left out.
using Table = std::vector<std::vector<std::string>>;

struct TableLimits {
  std::size_t max_rows = 20000;
  std::size_t max_columns = 64;
  std::size_t max_part_bytes = 64u << 20;  // one inflated XLSX part
};

// Reads an XLSX workbook's first sheet (recognised by its zip signature) or else CSV:
// UTF-8 with or without a byte-order mark, separated by commas, semicolons or tabs (the
// header line decides), fields quoted as RFC 4180 says. invalid_argument says what is wrong
// and where ("line 12: a quoted field is not closed").
Result<Table> read_table(std::string_view bytes, const TableLimits& limits = {});

// A CSV field: quoted when needed; a leading = + - @ neutralised with an apostrophe so that
// a spreadsheet does not run it as a formula (read_table takes the apostrophe off again).
std::string csv_field(const std::string& value);
// The whole table as CSV with a UTF-8 byte-order mark (so Excel reads the diacritics) and
// CRLF line ends.
std::string write_csv(const Table& table);

// The table as an XLSX workbook with one sheet: bold, frozen header row, every cell text but
// in the columns marked `numeric`, where whole numbers are numbers ("12.500.000" shown).
Result<std::string> write_xlsx(const Table& table, const std::string& sheet_name,
                               const std::vector<bool>& numeric = {});

}  // namespace loa::doc
