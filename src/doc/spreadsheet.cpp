// File: doc/spreadsheet.cpp
#include "doc/spreadsheet.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <sstream>

#include "base/dates.h"
#include "doc/zip_archive.h"

namespace loa::doc {

namespace {

bool formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@'; }

std::string unneutralise(std::string cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && formula_start(cell[1])) cell.erase(0, 1);
  return cell;
}

// ---- CSV ----------------------------------------------------------------------------------

char guess_separator(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  std::size_t best_count = 0;
  char best = ',';
  for (char c : {',', ';', '\t'}) {
    const auto n = static_cast<std::size_t>(std::count(first.begin(), first.end(), c));
    if (n > best_count) best_count = n, best = c;
  }
  return best;
}

Result<Table> read_csv(std::string_view text, const TableLimits& limits) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const char sep = guess_separator(text);
  Table table;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted
  std::size_t line = 1, quote_line = 0;
  auto end_cell = [&]() -> Status {
    row.push_back(was_quoted ? cell : unneutralise(cell));
    cell.clear();
    was_quoted = false;
    if (row.size() > limits.max_columns) {
      return invalid_argument("line " + std::to_string(line) + ": more than " +
                              std::to_string(limits.max_columns) + " columns");
    }
    return Status::ok();
  };
  auto end_row = [&]() -> Status {
    LOA_RETURN_IF_ERROR(end_cell());
    // As in a workbook, empty cells at the end of a row are not there.
    while (!row.empty() && row.back().empty()) row.pop_back();
    if (!row.empty()) table.push_back(std::move(row));
    row.clear();
    if (table.size() > limits.max_rows) {
      return invalid_argument("more than " + std::to_string(limits.max_rows) + " rows");
    }
    return Status::ok();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && cell.empty() && !was_quoted) {
      quoted = was_quoted = true;
      quote_line = line;
    } else if (c == sep) {
      LOA_RETURN_IF_ERROR(end_cell());
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      LOA_RETURN_IF_ERROR(end_row());
      ++line;
    } else if (was_quoted) {
      return invalid_argument("line " + std::to_string(line) +
                              ": text after the closing quote of a field");
    } else {
      cell += c;
    }
  }
  if (quoted) {
    return invalid_argument("line " + std::to_string(quote_line) +
                            ": a quoted field is not closed");
  }
  if (!cell.empty() || !row.empty() || was_quoted) LOA_RETURN_IF_ERROR(end_row());
  return table;
}

// ---- XLSX ---------------------------------------------------------------------------------

// "BC12" → column 54 (0-based 54 = 2*26+2 … ), row ignored; -1 when malformed.
int column_of(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  if (i == 0 || col > 16384) return -1;
  return col - 1;
}

std::string text_of(const pugi::xml_node& node) {
  // <si>/<is>: either <t> or rich-text runs <r><t>; phonetic runs <rPh> are not text.
  std::string out;
  if (auto t = node.child("t")) out += t.text().get();
  for (auto r : node.children("r")) out += r.child("t").text().get();
  return out;
}

bool is_date_format(int id, const std::map<int, std::string>& custom) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  auto it = custom.find(id);
  if (it == custom.end()) return false;
  bool in_quotes = false, in_brackets = false;
  for (char c : it->second) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '[') in_brackets = true;
    if (c == ']') in_brackets = false;
    if (in_brackets) continue;
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') return true;
  }
  return false;
}

// Which cell styles (index into cellXfs) show dates.
std::vector<bool> date_styles(const std::optional<std::string>& styles) {
  std::vector<bool> out;
  if (!styles) return out;
  pugi::xml_document xml;
  if (!xml.load_buffer(styles->data(), styles->size())) return out;
  auto sheet = xml.child("styleSheet");
  std::map<int, std::string> custom;
  for (auto f : sheet.child("numFmts").children("numFmt"))
    custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").as_string();
  for (auto xf : sheet.child("cellXfs").children("xf"))
    out.push_back(is_date_format(xf.attribute("numFmtId").as_int(), custom));
  return out;
}

std::string number_text(const std::string& raw, bool date) {
  char* end = nullptr;
  const double v = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str() || *end != '\0') return raw;
  // Excel's day 25569 is 1970-01-01 (its 1900 calendar, with the leap-day bug before March 1900).
  if (date && v >= 61 && v < 2958466) return iso_from_day(static_cast<int>(std::floor(v)) - 25569);
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return raw;
}

// The first sheet's part name, from the workbook and its relationships.
std::string first_sheet_part(const ZipArchive& zip, std::size_t limit) {
  std::string fallback = "xl/worksheets/sheet1.xml";
  auto workbook = zip.part("xl/workbook.xml", limit);
  auto rels = zip.part("xl/_rels/workbook.xml.rels", limit);
  if (!workbook || !*workbook || !rels || !*rels) return fallback;
  pugi::xml_document wb, rx;
  if (!wb.load_buffer((*workbook)->data(), (*workbook)->size()) ||
      !rx.load_buffer((*rels)->data(), (*rels)->size()))
    return fallback;
  auto sheet = wb.child("workbook").child("sheets").child("sheet");
  const std::string rid = sheet.attribute("r:id").as_string();
  for (auto rel : rx.child("Relationships").children("Relationship")) {
    if (rid != rel.attribute("Id").as_string()) continue;
    std::string target = rel.attribute("Target").as_string();
    if (target.starts_with("/")) return target.substr(1);
    return "xl/" + target;
  }
  return fallback;
}

Result<Table> read_xlsx(std::string_view bytes, const TableLimits& limits) {
  auto zip = ZipArchive::open(bytes, ".xlsx");
  if (!zip) return zip.status();
  const std::string sheet_name = first_sheet_part(*zip, limits.max_part_bytes);
  auto sheet = zip->part(sheet_name.c_str(), limits.max_part_bytes);
  if (!sheet) return sheet.status();
  if (!*sheet) return invalid_argument("not an Excel workbook: the archive has no " + sheet_name);
  auto shared_part = zip->part("xl/sharedStrings.xml", limits.max_part_bytes);
  if (!shared_part) return shared_part.status();
  std::vector<std::string> shared;
  if (*shared_part) {
    pugi::xml_document xml;
    if (!xml.load_buffer((*shared_part)->data(), (*shared_part)->size()))
      return invalid_argument("xl/sharedStrings.xml is not well-formed XML");
    for (auto si : xml.child("sst").children("si")) shared.push_back(text_of(si));
  }
  auto styles_part = zip->part("xl/styles.xml", limits.max_part_bytes);
  if (!styles_part) return styles_part.status();
  const std::vector<bool> dates = date_styles(*styles_part);

  pugi::xml_document xml;
  if (!xml.load_buffer((*sheet)->data(), (*sheet)->size()))
    return invalid_argument(sheet_name + " is not well-formed XML");
  Table table;
  for (auto r : xml.child("worksheet").child("sheetData").children("row")) {
    std::vector<std::string> row;
    for (auto c : r.children("c")) {
      int col = column_of(c.attribute("r").as_string());
      if (col < 0) col = static_cast<int>(row.size());
      if (static_cast<std::size_t>(col) >= limits.max_columns) {
        return invalid_argument("row " + std::string(r.attribute("r").as_string()) +
                                ": more than " + std::to_string(limits.max_columns) + " columns");
      }
      const std::string type = c.attribute("t").as_string();
      const std::string raw = c.child("v").text().get();
      std::string value;
      if (type == "s") {
        const auto k = static_cast<std::size_t>(std::strtoul(raw.c_str(), nullptr, 10));
        if (k >= shared.size())
          return invalid_argument(std::string("cell ") + c.attribute("r").as_string() +
                                  " refers to a missing shared string");
        value = shared[k];
      } else if (type == "inlineStr") {
        value = text_of(c.child("is"));
      } else if (type == "b") {
        value = raw == "1" ? "TRUE" : "FALSE";
      } else if (type == "str" || type == "e") {
        value = raw;
      } else {
        const auto style = static_cast<std::size_t>(c.attribute("s").as_uint());
        value = number_text(raw, style < dates.size() && dates[style]);
      }
      if (row.size() <= static_cast<std::size_t>(col))
        row.resize(static_cast<std::size_t>(col) + 1);
      row[static_cast<std::size_t>(col)] = unneutralise(std::move(value));
    }
    while (!row.empty() && row.back().empty()) row.pop_back();
    if (row.empty()) continue;
    table.push_back(std::move(row));
    if (table.size() > limits.max_rows)
      return invalid_argument("more than " + std::to_string(limits.max_rows) + " rows");
  }
  return table;
}

}  // namespace

Result<Table> read_table(std::string_view bytes, const TableLimits& limits) {
  if (bytes.starts_with("PK\x03\x04")) return read_xlsx(bytes, limits);
  return read_csv(bytes, limits);
}

std::string csv_field(const std::string& value) {
  std::string v = value;
  if (!v.empty() && formula_start(v[0])) v = "'" + v;
  if (v.find_first_of(",;\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string write_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : table) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_field(row[i]);
    out += "\r\n";
  }
  return out;
}

namespace {
// "12500000" → 12500000; anything else (decimals, text, overlong) → nullopt.
std::optional<long long> whole_number(const std::string& v) {
  if (v.empty() || v.size() > 15) return std::nullopt;
  const std::size_t i = v[0] == '-' ? 1 : 0;
  if (i == v.size()) return std::nullopt;
  for (std::size_t k = i; k < v.size(); ++k)
    if (v[k] < '0' || v[k] > '9') return std::nullopt;
  return std::stoll(v);
}
}  // namespace

Result<std::string> write_xlsx(const Table& table, const std::string& sheet_name,
                               const std::vector<bool>& numeric) {
  // libxlsxwriter writes to a file: a private temporary one, read back and removed.
  std::string path = (std::filesystem::temp_directory_path() / "loa-xlsx-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return internal_error("cannot create a temporary file for the workbook");
  close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return internal_error("cannot start an XLSX workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* thousands = workbook_add_format(wb);
  format_set_num_format(thousands, "#,##0");
  lxw_error err = ws == nullptr ? LXW_ERROR_MEMORY_MALLOC_FAILED : LXW_NO_ERROR;
  std::vector<std::size_t> widths;
  for (std::size_t r = 0; r < table.size() && err == LXW_NO_ERROR; ++r) {
    for (std::size_t c = 0; c < table[r].size() && err == LXW_NO_ERROR; ++c) {
      const std::string& v = table[r][c];
      if (widths.size() <= c) widths.resize(c + 1, 8);
      widths[c] = std::max(widths[c], std::min<std::size_t>(v.size() * 3 / 4 + 2, 60));
      if (v.empty()) continue;
      if (r > 0 && c < numeric.size() && numeric[c]) {
        if (auto n = whole_number(v)) {
          err = worksheet_write_number(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                       static_cast<double>(*n), thousands);
          continue;
        }
      }
      err = worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                   v.c_str(), r == 0 ? bold : nullptr);
    }
  }
  if (err == LXW_NO_ERROR) {
    for (std::size_t c = 0; c < widths.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           static_cast<double>(widths[c]), nullptr);
    worksheet_freeze_panes(ws, 1, 0);
  }
  const lxw_error closed = workbook_close(wb);
  if (err != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
    return internal_error(std::string("cannot write the XLSX workbook: ") +
                          lxw_strerror(err != LXW_NO_ERROR ? err : closed));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) return internal_error("cannot read back the XLSX workbook");
  return bytes.str();
}

}  // namespace loa::doc
