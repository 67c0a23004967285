// File: export/docx.cpp
#include "export/docx.h"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <pugixml.hpp>
#include <sstream>
#include <utility>

namespace loa::office {
namespace {

// ---- Measures (twentieths of a point; half-points for font sizes) -------------------------

constexpr int kPageWidth = 11906;  // A4, 210 mm
constexpr int kPageHeight = 16838;
constexpr int kMarginTop = 1134;  // 20 mm
constexpr int kMarginBottom = 1134;
constexpr int kMarginLeft = 1701;     // 30 mm
constexpr int kMarginRight = 850;     // 15 mm
constexpr int kHeaderDistance = 567;  // 10 mm
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr int kFirstLineIndent = 567;  // 1 cm
constexpr long kEmuPerTwip = 635;

constexpr const char* kFont = "Times New Roman";

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kWp =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
constexpr const char* kA = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* kC = "http://schemas.openxmlformats.org/drawingml/2006/chart";
constexpr const char* kPkgRels = "http://schemas.openxmlformats.org/package/2006/relationships";

std::string to_string(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

pugi::xml_node add(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

// <name w:val="value"/> (or another attribute).
pugi::xml_node add_val(pugi::xml_node parent, const char* name, const std::string& value,
                       const char* attribute = "w:val") {
  auto n = parent.append_child(name);
  n.append_attribute(attribute) = value.c_str();
  return n;
}

pugi::xml_document xml_with_declaration() {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  return doc;
}

// ---- Runs and paragraphs ------------------------------------------------------------------

struct RunStyle {
  int half_points = 28;  // 14 pt
  bool bold = false;
  bool italic = false;
  bool underline = false;
};

void add_run(pugi::xml_node p, const std::string& text, const RunStyle& style) {
  auto r = add(p, "w:r");
  auto rpr = add(r, "w:rPr");
  if (style.bold) add(rpr, "w:b");
  if (style.italic) add(rpr, "w:i");
  if (style.underline) add_val(rpr, "w:u", "single");
  add_val(rpr, "w:sz", std::to_string(style.half_points));
  add_val(rpr, "w:szCs", std::to_string(style.half_points));
  auto t = add(r, "w:t");
  t.append_attribute("xml:space") = "preserve";
  t.text().set(text.c_str());
}

struct ParagraphStyle {
  const char* align = "both";  // justified
  int before = 0;              // spacing, twentieths of a point
  int after = 120;             // 6 pt
  int first_line = 0;
  int left = 0;
  int hanging = 0;
  bool keep_next = false;
};

pugi::xml_node add_paragraph(pugi::xml_node parent, const ParagraphStyle& style) {
  auto p = add(parent, "w:p");
  auto ppr = add(p, "w:pPr");
  if (style.keep_next) add(ppr, "w:keepNext");
  auto spacing = add(ppr, "w:spacing");
  spacing.append_attribute("w:before") = style.before;
  spacing.append_attribute("w:after") = style.after;
  spacing.append_attribute("w:line") = 264;  // 1.1 lines
  spacing.append_attribute("w:lineRule") = "auto";
  if (style.first_line || style.left || style.hanging) {
    auto ind = add(ppr, "w:ind");
    if (style.left) ind.append_attribute("w:left") = style.left;
    if (style.first_line) ind.append_attribute("w:firstLine") = style.first_line;
    if (style.hanging) ind.append_attribute("w:hanging") = style.hanging;
  }
  add_val(ppr, "w:jc", style.align);
  return p;
}

// A centred paragraph of one line of text.
void add_line(pugi::xml_node parent, const std::string& text, const RunStyle& run, int after = 0) {
  ParagraphStyle style;
  style.align = "center";
  style.after = after;
  add_run(add_paragraph(parent, style), text, run);
}

// The short rule the Decree draws under the issuing body, the motto and the subject: an empty
// paragraph's bottom border, indented from both sides to the rule's length.
void add_rule(pugi::xml_node parent, int width, int length, int before = 0) {
  auto p = add(parent, "w:p");
  auto ppr = add(p, "w:pPr");
  auto border = add(add(ppr, "w:pBdr"), "w:bottom");
  border.append_attribute("w:val") = "single";
  border.append_attribute("w:sz") = 6;
  border.append_attribute("w:space") = 1;
  border.append_attribute("w:color") = "000000";
  auto spacing = add(ppr, "w:spacing");
  spacing.append_attribute("w:before") = before;
  spacing.append_attribute("w:after") = 60;
  spacing.append_attribute("w:line") = 20;
  spacing.append_attribute("w:lineRule") = "exact";
  const int side = std::max(0, (width - length) / 2);
  auto ind = add(ppr, "w:ind");
  ind.append_attribute("w:left") = side;
  ind.append_attribute("w:right") = side;
  auto rpr = add(ppr, "w:rPr");
  add_val(rpr, "w:sz", "2");
}

void add_block_paragraph(pugi::xml_node parent, const Paragraph& paragraph) {
  ParagraphStyle style;
  RunStyle run;
  switch (paragraph.style) {
    case Paragraph::Style::kBody:
      style.first_line = kFirstLineIndent;
      break;
    case Paragraph::Style::kHeading:
      style.first_line = kFirstLineIndent;
      style.before = 120;
      style.keep_next = true;
      run.bold = true;
      break;
    case Paragraph::Style::kBullet:
      style.left = kFirstLineIndent + 227;
      style.hanging = 227;
      break;
    case Paragraph::Style::kCaption:
      style.align = "center";
      style.after = 200;
      run.half_points = 26;
      run.italic = true;
      break;
  }
  auto p = add_paragraph(parent, style);
  for (const Run& r : paragraph.runs) {
    RunStyle rs = run;
    rs.bold = rs.bold || r.bold;
    rs.italic = rs.italic || r.italic;
    add_run(p, r.text, rs);
  }
}

// ---- Tables -------------------------------------------------------------------------------

void set_borders(pugi::xml_node tblpr, const char* kind) {
  auto borders = add(tblpr, "w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    auto b = add(borders, side);
    b.append_attribute("w:val") = kind;
    b.append_attribute("w:sz") = 4;
    b.append_attribute("w:space") = 0;
    b.append_attribute("w:color") = "000000";
  }
}

pugi::xml_node add_table(pugi::xml_node parent, const std::vector<int>& widths, bool borders) {
  auto tbl = add(parent, "w:tbl");
  auto tblpr = add(tbl, "w:tblPr");
  auto w = add(tblpr, "w:tblW");
  w.append_attribute("w:w") = kTextWidth;
  w.append_attribute("w:type") = "dxa";
  set_borders(tblpr, borders ? "single" : "nil");
  add_val(tblpr, "w:tblLayout", "fixed", "w:type");
  auto margins = add(tblpr, "w:tblCellMar");
  for (const char* side : {"w:left", "w:right"}) {
    auto m = add(margins, side);
    m.append_attribute("w:w") = borders ? 85 : 0;
    m.append_attribute("w:type") = "dxa";
  }
  auto grid = add(tbl, "w:tblGrid");
  for (int width : widths) add(grid, "w:gridCol").append_attribute("w:w") = width;
  return tbl;
}

pugi::xml_node add_cell(pugi::xml_node row, int width) {
  auto tc = add(row, "w:tc");
  auto w = add(add(tc, "w:tcPr"), "w:tcW");
  w.append_attribute("w:w") = width;
  w.append_attribute("w:type") = "dxa";
  return tc;
}

std::vector<int> column_widths(const std::vector<Table::Column>& columns) {
  int fixed = 0;
  int flexible = 0;
  for (const auto& c : columns) {
    if (c.width_percent > 0)
      fixed += c.width_percent;
    else
      ++flexible;
  }
  const int rest = std::max(0, 100 - fixed);
  std::vector<int> widths;
  for (const auto& c : columns) {
    const int percent = c.width_percent > 0 ? c.width_percent : (flexible ? rest / flexible : 0);
    widths.push_back(kTextWidth * percent / 100);
  }
  return widths;
}

void add_block_table(pugi::xml_node parent, const Table& table) {
  const auto widths = column_widths(table.columns);
  auto tbl = add_table(parent, widths, true);
  auto add_row = [&](const std::vector<std::string>& cells, bool header, bool bold) {
    auto tr = add(tbl, "w:tr");
    auto trpr = add(tr, "w:trPr");
    add(trpr, "w:cantSplit");
    if (header) add(trpr, "w:tblHeader");
    for (std::size_t i = 0; i < widths.size(); ++i) {
      auto tc = add_cell(tr, widths[i]);
      if (header) add_val(tc.child("w:tcPr"), "w:vAlign", "center");
      ParagraphStyle style;
      style.after = 0;
      style.before = 20;
      style.align = header ? "center" : (table.columns[i].numeric ? "right" : "left");
      RunStyle run;
      run.half_points = 24;  // 12 pt in tables
      run.bold = bold;
      add_run(add_paragraph(tc, style), i < cells.size() ? cells[i] : "", run);
    }
  };
  std::vector<std::string> headers;
  for (const auto& c : table.columns) headers.push_back(c.header);
  add_row(headers, true, true);
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    add_row(table.rows[r], false, table.last_row_total && r + 1 == table.rows.size());
  // A table may not end the cell or document it is in; and the text after it needs air.
  ParagraphStyle after;
  after.after = 60;
  add_paragraph(parent, after);
}

// ---- Charts -------------------------------------------------------------------------------

std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

std::string column_letter(std::size_t i) { return std::string(1, static_cast<char>('B' + i)); }

void add_text_properties(pugi::xml_node parent, int hundredths, bool bold) {
  auto tx = add(parent, "c:txPr");
  add(tx, "a:bodyPr");
  add(tx, "a:lstStyle");
  auto ppr = add(add(tx, "a:p"), "a:pPr");
  auto def = add(ppr, "a:defRPr");
  def.append_attribute("sz") = hundredths;
  def.append_attribute("b") = bold ? 1 : 0;
  add_val(def, "a:latin", kFont, "typeface");
  add_val(def, "a:cs", kFont, "typeface");
  add(tx.child("a:p"), "a:endParaRPr").append_attribute("lang") = "vi-VN";
}

std::string chart_xml(const BarChart& chart) {
  auto doc = xml_with_declaration();
  auto space = add(doc, "c:chartSpace");
  space.append_attribute("xmlns:c") = kC;
  space.append_attribute("xmlns:a") = kA;
  space.append_attribute("xmlns:r") = kR;
  add_val(space, "c:roundedCorners", "0", "val");
  auto c = add(space, "c:chart");
  auto title = add(c, "c:title");
  auto rich = add(add(title, "c:tx"), "c:rich");
  add(rich, "a:bodyPr");
  add(rich, "a:lstStyle");
  auto tp = add(rich, "a:p");
  auto tdef = add(add(tp, "a:pPr"), "a:defRPr");
  tdef.append_attribute("sz") = 1200;
  tdef.append_attribute("b") = 1;
  auto tr = add(tp, "a:r");
  auto trpr = add(tr, "a:rPr");
  trpr.append_attribute("lang") = "vi-VN";
  trpr.append_attribute("sz") = 1200;
  trpr.append_attribute("b") = 1;
  add_val(trpr, "a:latin", kFont, "typeface");
  add(tr, "a:t").text().set(chart.title.c_str());
  add_val(title, "c:overlay", "0", "val");
  add_val(c, "c:autoTitleDeleted", "0", "val");
  auto plot = add(c, "c:plotArea");
  add(plot, "c:layout");
  auto bar = add(plot, "c:barChart");
  add_val(bar, "c:barDir", "bar", "val");
  add_val(bar, "c:grouping", "clustered", "val");
  add_val(bar, "c:varyColors", "0", "val");
  static constexpr const char* kColours[] = {"1F4E79", "C55A11", "548235", "7F6000"};
  const std::string n = std::to_string(chart.categories.size());
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    auto ser = add(bar, "c:ser");
    add_val(ser, "c:idx", std::to_string(s), "val");
    add_val(ser, "c:order", std::to_string(s), "val");
    auto tx = add(add(ser, "c:tx"), "c:strRef");
    add(tx, "c:f").text().set(("Sheet1!$" + column_letter(s) + "$1").c_str());
    auto txc = add(tx, "c:strCache");
    add_val(txc, "c:ptCount", "1", "val");
    auto txpt = add(txc, "c:pt");
    txpt.append_attribute("idx") = 0;
    add(txpt, "c:v").text().set(series.name.c_str());
    auto fill = add(add(ser, "c:spPr"), "a:solidFill");
    add_val(fill, "a:srgbClr", kColours[s % std::size(kColours)], "val");
    add_val(ser, "c:invertIfNegative", "0", "val");
    auto labels = add(ser, "c:dLbls");
    add_text_properties(labels, 1000, false);
    for (const char* flag : {"c:showLegendKey", "c:showVal", "c:showCatName", "c:showSerName",
                             "c:showPercent", "c:showBubbleSize"})
      add_val(labels, flag, std::string(flag) == "c:showVal" ? "1" : "0", "val");
    auto cat = add(add(ser, "c:cat"), "c:strRef");
    add(cat, "c:f")
        .text()
        .set(("Sheet1!$A$2:$A$" + std::to_string(chart.categories.size() + 1)).c_str());
    auto catc = add(cat, "c:strCache");
    add_val(catc, "c:ptCount", n, "val");
    for (std::size_t i = 0; i < chart.categories.size(); ++i) {
      auto pt = add(catc, "c:pt");
      pt.append_attribute("idx") = static_cast<unsigned>(i);
      add(pt, "c:v").text().set(chart.categories[i].c_str());
    }
    auto val = add(add(ser, "c:val"), "c:numRef");
    add(val, "c:f")
        .text()
        .set(("Sheet1!$" + column_letter(s) + "$2:$" + column_letter(s) + "$" +
              std::to_string(chart.categories.size() + 1))
                 .c_str());
    auto valc = add(val, "c:numCache");
    add(valc, "c:formatCode").text().set("General");
    add_val(valc, "c:ptCount", n, "val");
    for (std::size_t i = 0; i < chart.categories.size() && i < series.values.size(); ++i) {
      auto pt = add(valc, "c:pt");
      pt.append_attribute("idx") = static_cast<unsigned>(i);
      add(pt, "c:v").text().set(number_text(series.values[i]).c_str());
    }
  }
  add_val(bar, "c:gapWidth", "60", "val");
  add_val(bar, "c:axId", "1001", "val");
  add_val(bar, "c:axId", "1002", "val");
  auto cat_ax = add(plot, "c:catAx");
  add_val(cat_ax, "c:axId", "1001", "val");
  add_val(add(cat_ax, "c:scaling"), "c:orientation", "maxMin", "val");  // the first on top
  add_val(cat_ax, "c:delete", "0", "val");
  add_val(cat_ax, "c:axPos", "l", "val");
  add_val(cat_ax, "c:majorTickMark", "none", "val");
  add_val(cat_ax, "c:minorTickMark", "none", "val");
  add_val(cat_ax, "c:tickLblPos", "nextTo", "val");
  add_text_properties(cat_ax, 1000, false);
  add_val(cat_ax, "c:crossAx", "1002", "val");
  add_val(cat_ax, "c:crosses", "autoZero", "val");
  add_val(cat_ax, "c:auto", "1", "val");
  add_val(cat_ax, "c:lblAlgn", "ctr", "val");
  add_val(cat_ax, "c:lblOffset", "100", "val");
  auto val_ax = add(plot, "c:valAx");
  add_val(val_ax, "c:axId", "1002", "val");
  add_val(add(val_ax, "c:scaling"), "c:orientation", "minMax", "val");
  add_val(val_ax, "c:delete", "0", "val");
  add_val(val_ax, "c:axPos", "t", "val");
  add(val_ax, "c:majorGridlines");
  auto fmt = add(val_ax, "c:numFmt");
  fmt.append_attribute("formatCode") = "0";
  fmt.append_attribute("sourceLinked") = 0;
  add_val(val_ax, "c:majorTickMark", "none", "val");
  add_val(val_ax, "c:minorTickMark", "none", "val");
  add_val(val_ax, "c:tickLblPos", "nextTo", "val");
  add_text_properties(val_ax, 1000, false);
  add_val(val_ax, "c:crossAx", "1001", "val");
  add_val(val_ax, "c:crosses", "max", "val");
  add_val(val_ax, "c:crossBetween", "between", "val");
  if (chart.series.size() > 1) {
    auto legend = add(c, "c:legend");
    add_val(legend, "c:legendPos", "b", "val");
    add_val(legend, "c:overlay", "0", "val");
  }
  add_val(c, "c:plotVisOnly", "1", "val");
  add_val(c, "c:dispBlanksAs", "gap", "val");
  add_text_properties(space, 1000, false);
  return to_string(doc);
}

// The chart's frame in the text: full width, tall enough for its bars.
void add_chart_frame(pugi::xml_node parent, const BarChart& chart, int number,
                     const std::string& relationship) {
  ParagraphStyle style;
  style.align = "center";
  style.after = 60;
  style.keep_next = true;
  auto p = add_paragraph(parent, style);
  auto inline_ = add(add(add(p, "w:r"), "w:drawing"), "wp:inline");
  for (const char* d : {"distT", "distB", "distL", "distR"}) inline_.append_attribute(d) = 0;
  const long width = static_cast<long>(kTextWidth) * kEmuPerTwip;
  const std::size_t bars = chart.categories.size() * std::max<std::size_t>(1, chart.series.size());
  const long height = std::min<long>(
      9000000, 1100000 + static_cast<long>(bars) * 260000 + (chart.series.size() > 1 ? 300000 : 0));
  auto extent = add(inline_, "wp:extent");
  extent.append_attribute("cx") = width;
  extent.append_attribute("cy") = height;
  auto effect = add(inline_, "wp:effectExtent");
  for (const char* e : {"l", "t", "r", "b"}) effect.append_attribute(e) = 0;
  auto pr = add(inline_, "wp:docPr");
  pr.append_attribute("id") = number;
  pr.append_attribute("name") = ("Chart " + std::to_string(number)).c_str();
  pr.append_attribute("descr") = chart.title.c_str();
  add(inline_, "wp:cNvGraphicFramePr");
  auto data = add(add(inline_, "a:graphic"), "a:graphicData");
  data.append_attribute("uri") = kC;
  auto ref = add(data, "c:chart");
  ref.append_attribute("r:id") = relationship.c_str();
}

// ---- The parts ----------------------------------------------------------------------------

struct Part {
  std::string name;
  std::string content;
};

void add_header_block(pugi::xml_node body, const OfficialDocument& d) {
  const int left = kTextWidth * 40 / 100;
  const int right = kTextWidth - left;
  auto tbl = add_table(body, {left, right}, false);
  auto tr = add(tbl, "w:tr");
  auto issuer = add_cell(tr, left);
  for (const auto& line : d.governing) add_line(issuer, line, RunStyle{.half_points = 26});
  for (const auto& line : d.issuer)
    add_line(issuer, line, RunStyle{.half_points = 26, .bold = true});
  if (d.issuer.empty() && d.governing.empty()) add_line(issuer, "", RunStyle{});
  add_rule(issuer, left, 1300);
  auto motto = add_cell(tr, right);
  add_line(motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", RunStyle{.half_points = 24, .bold = true});
  add_line(motto, "Độc lập - Tự do - Hạnh phúc", RunStyle{.half_points = 26, .bold = true});
  add_rule(motto, right, 3000);
  auto tr2 = add(tbl, "w:tr");
  add_line(add_cell(tr2, left), d.number, RunStyle{.half_points = 26}, 0);
  add_line(add_cell(tr2, right), d.place_and_date, RunStyle{.half_points = 28, .italic = true}, 0);

  ParagraphStyle title;
  title.align = "center";
  title.before = 360;
  title.after = 0;
  title.keep_next = true;
  add_run(add_paragraph(body, title), d.type_name, RunStyle{.bold = true});
  title.before = 0;
  add_run(add_paragraph(body, title), d.subject, RunStyle{.bold = true});
  add_rule(body, kTextWidth, 1800, 80);
  ParagraphStyle space;
  space.after = 120;
  add_paragraph(body, space);
}

void add_closing_block(pugi::xml_node body, const OfficialDocument& d) {
  const int left = kTextWidth * 45 / 100;
  const int right = kTextWidth - left;
  ParagraphStyle space;
  space.after = 120;
  add_paragraph(body, space);
  auto tbl = add_table(body, {left, right}, false);
  auto tr = add(tbl, "w:tr");
  add(add(tr, "w:trPr"), "w:cantSplit");
  auto recipients = add_cell(tr, left);
  ParagraphStyle plain;
  plain.align = "left";
  plain.after = 0;
  add_run(add_paragraph(recipients, plain),
          "Nơi nhận:", RunStyle{.half_points = 24, .bold = true, .italic = true});
  for (std::size_t i = 0; i < d.recipients.size(); ++i) {
    const bool last = i + 1 == d.recipients.size();
    add_run(add_paragraph(recipients, plain), "- " + d.recipients[i] + (last ? "." : ";"),
            RunStyle{.half_points = 22});
  }
  auto signature = add_cell(tr, right);
  if (!d.signature.authority.empty())
    add_line(signature, d.signature.authority, RunStyle{.bold = true});
  add_line(signature, d.signature.title, RunStyle{.bold = true});
  for (int i = 0; i < 4; ++i) add_line(signature, "", RunStyle{});
  add_line(signature, d.signature.name, RunStyle{.bold = true});
}

std::string document_xml(const OfficialDocument& d, std::vector<Part>& charts,
                         std::vector<std::pair<std::string, std::string>>& chart_rels) {
  auto doc = xml_with_declaration();
  auto root = add(doc, "w:document");
  root.append_attribute("xmlns:w") = kW;
  root.append_attribute("xmlns:r") = kR;
  root.append_attribute("xmlns:wp") = kWp;
  root.append_attribute("xmlns:a") = kA;
  root.append_attribute("xmlns:c") = kC;
  auto body = add(root, "w:body");
  add_header_block(body, d);
  for (const Block& block : d.body) {
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      add_block_paragraph(body, *p);
    } else if (const auto* t = std::get_if<Table>(&block)) {
      add_block_table(body, *t);
    } else if (const auto* c = std::get_if<BarChart>(&block)) {
      const int number = static_cast<int>(charts.size()) + 1;
      const std::string rel = "rIdChart" + std::to_string(number);
      const std::string part = "charts/chart" + std::to_string(number) + ".xml";
      charts.push_back({"word/" + part, chart_xml(*c)});
      chart_rels.emplace_back(rel, part);
      add_chart_frame(body, *c, number, rel);
    } else {
      auto r = add(add(body, "w:p"), "w:r");
      add_val(r, "w:br", "page", "w:type");
    }
  }
  add_closing_block(body, d);

  auto sect = add(body, "w:sectPr");
  auto header = add(sect, "w:headerReference");
  header.append_attribute("w:type") = "default";
  header.append_attribute("r:id") = "rIdHeader";
  auto size = add(sect, "w:pgSz");
  size.append_attribute("w:w") = kPageWidth;
  size.append_attribute("w:h") = kPageHeight;
  auto margins = add(sect, "w:pgMar");
  margins.append_attribute("w:top") = kMarginTop;
  margins.append_attribute("w:right") = kMarginRight;
  margins.append_attribute("w:bottom") = kMarginBottom;
  margins.append_attribute("w:left") = kMarginLeft;
  margins.append_attribute("w:header") = kHeaderDistance;
  margins.append_attribute("w:footer") = kHeaderDistance;
  margins.append_attribute("w:gutter") = 0;
  add(sect, "w:titlePg");  // no number on the first page
  return to_string(doc);
}

// The page number, centred at the top (the first page has none: w:titlePg).
std::string header_xml() {
  auto doc = xml_with_declaration();
  auto hdr = add(doc, "w:hdr");
  hdr.append_attribute("xmlns:w") = kW;
  ParagraphStyle style;
  style.align = "center";
  style.after = 0;
  auto p = add_paragraph(hdr, style);
  auto field = add(p, "w:fldSimple");
  field.append_attribute("w:instr") = " PAGE ";
  add_run(field, "2", RunStyle{.half_points = 26});
  return to_string(doc);
}

std::string styles_xml() {
  auto doc = xml_with_declaration();
  auto styles = add(doc, "w:styles");
  styles.append_attribute("xmlns:w") = kW;
  auto defaults = add(styles, "w:docDefaults");
  auto rpr = add(add(defaults, "w:rPrDefault"), "w:rPr");
  auto fonts = add(rpr, "w:rFonts");
  for (const char* a : {"w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"})
    fonts.append_attribute(a) = kFont;
  add_val(rpr, "w:sz", "28");
  add_val(rpr, "w:szCs", "28");
  auto lang = add(rpr, "w:lang");
  lang.append_attribute("w:val") = "vi-VN";
  lang.append_attribute("w:eastAsia") = "vi-VN";
  lang.append_attribute("w:bidi") = "ar-SA";
  auto ppr = add(add(defaults, "w:pPrDefault"), "w:pPr");
  auto spacing = add(ppr, "w:spacing");
  spacing.append_attribute("w:after") = 0;
  spacing.append_attribute("w:line") = 240;
  spacing.append_attribute("w:lineRule") = "auto";
  auto normal = add(styles, "w:style");
  normal.append_attribute("w:type") = "paragraph";
  normal.append_attribute("w:default") = 1;
  normal.append_attribute("w:styleId") = "Normal";
  add_val(normal, "w:name", "Normal");
  add(normal, "w:qFormat");
  auto table = add(styles, "w:style");
  table.append_attribute("w:type") = "table";
  table.append_attribute("w:default") = 1;
  table.append_attribute("w:styleId") = "TableNormal";
  add_val(table, "w:name", "Normal Table");
  auto cell = add(add(table, "w:tblPr"), "w:tblCellMar");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right"}) {
    auto m = add(cell, side);
    m.append_attribute("w:w") =
        (std::string(side) == "w:left" || std::string(side) == "w:right") ? 108 : 0;
    m.append_attribute("w:type") = "dxa";
  }
  return to_string(doc);
}

std::string settings_xml() {
  auto doc = xml_with_declaration();
  auto settings = add(doc, "w:settings");
  settings.append_attribute("xmlns:w") = kW;
  add_val(settings, "w:defaultTabStop", "720");
  add_val(settings, "w:characterSpacingControl", "doNotCompress");
  auto compat = add(add(settings, "w:compat"), "w:compatSetting");
  compat.append_attribute("w:name") = "compatibilityMode";
  compat.append_attribute("w:uri") = "http://schemas.microsoft.com/office/word";
  compat.append_attribute("w:val") = "15";
  return to_string(doc);
}

std::string content_types_xml(std::size_t charts) {
  auto doc = xml_with_declaration();
  auto types = add(doc, "Types");
  types.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/content-types";
  auto def = [&](const char* ext, const char* type) {
    auto d = add(types, "Default");
    d.append_attribute("Extension") = ext;
    d.append_attribute("ContentType") = type;
  };
  def("rels", "application/vnd.openxmlformats-package.relationships+xml");
  def("xml", "application/xml");
  auto over = [&](const std::string& part, const char* type) {
    auto o = add(types, "Override");
    o.append_attribute("PartName") = part.c_str();
    o.append_attribute("ContentType") = type;
  };
  const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  over("/word/document.xml", (wml + "document.main+xml").c_str());
  over("/word/styles.xml", (wml + "styles+xml").c_str());
  over("/word/settings.xml", (wml + "settings+xml").c_str());
  over("/word/header1.xml", (wml + "header+xml").c_str());
  for (std::size_t i = 1; i <= charts; ++i)
    over("/word/charts/chart" + std::to_string(i) + ".xml",
         "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  return to_string(doc);
}

std::string relationships_xml(
    const std::vector<std::tuple<std::string, std::string, std::string>>& rels) {
  auto doc = xml_with_declaration();
  auto root = add(doc, "Relationships");
  root.append_attribute("xmlns") = kPkgRels;
  for (const auto& [id, type, target] : rels) {
    auto r = add(root, "Relationship");
    r.append_attribute("Id") = id.c_str();
    r.append_attribute("Type") = type.c_str();
    r.append_attribute("Target") = target.c_str();
  }
  return to_string(doc);
}

std::string core_xml(const OfficialDocument& d) {
  auto doc = xml_with_declaration();
  auto core = add(doc, "cp:coreProperties");
  core.append_attribute("xmlns:cp") =
      "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  core.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  add(core, "dc:title").text().set(d.title.c_str());
  add(core, "dc:creator").text().set(d.author.c_str());
  add(core, "dc:language").text().set("vi-VN");
  return to_string(doc);
}

// The parts zipped (deflated) into one file.
Result<std::string> zip_parts(const std::vector<Part>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return internal_error(std::string("zip: ") + zip_error_strerror(&error));
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!z) {
    zip_source_free(buffer);
    return internal_error(std::string("zip: ") + zip_error_strerror(&error));
  }
  zip_source_keep(buffer);  // read back after zip_close
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(buffer, zip_source_free);
  for (const Part& part : parts) {
    zip_source_t* s = zip_source_buffer(z, part.content.data(), part.content.size(), 0);
    if (!s || zip_file_add(z, part.name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s) zip_source_free(s);
      std::string why = zip_strerror(z);
      zip_discard(z);
      return internal_error("zip: " + part.name + ": " + why);
    }
  }
  if (zip_close(z) < 0) {
    std::string why = zip_strerror(z);
    zip_discard(z);
    return internal_error("zip: " + why);
  }
  zip_stat_t st;
  if (zip_source_stat(buffer, &st) < 0 || zip_source_open(buffer) < 0)
    return internal_error("zip: cannot read back the archive");
  std::string out(st.size, '\0');
  const zip_int64_t n = zip_source_read(buffer, out.data(), st.size);
  zip_source_close(buffer);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
    return internal_error("zip: short read of the archive");
  return out;
}

}  // namespace

Paragraph heading(std::string text) { return {Paragraph::Style::kHeading, {{std::move(text)}}}; }
Paragraph body(std::string text) { return {Paragraph::Style::kBody, {{std::move(text)}}}; }
Paragraph bullet(std::string text) {
  return {Paragraph::Style::kBullet, {{"- " + std::move(text)}}};
}
Paragraph caption(std::string text) { return {Paragraph::Style::kCaption, {{std::move(text)}}}; }

Result<std::string> write_docx(const OfficialDocument& document) {
  std::vector<Part> charts;
  std::vector<std::pair<std::string, std::string>> chart_rels;
  std::string body = document_xml(document, charts, chart_rels);
  const std::string office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::vector<std::tuple<std::string, std::string, std::string>> rels = {
      {"rIdStyles", office + "styles", "styles.xml"},
      {"rIdSettings", office + "settings", "settings.xml"},
      {"rIdHeader", office + "header", "header1.xml"}};
  for (const auto& [id, target] : chart_rels) rels.emplace_back(id, office + "chart", target);
  std::vector<Part> parts = {
      {"[Content_Types].xml", content_types_xml(charts.size())},
      {"_rels/.rels",
       relationships_xml({{"rId1", office + "officeDocument", "word/document.xml"},
                          {"rId2",
                           "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                           "core-properties",
                           "docProps/core.xml"}})},
      {"docProps/core.xml", core_xml(document)},
      {"word/document.xml", std::move(body)},
      {"word/_rels/document.xml.rels", relationships_xml(rels)},
      {"word/styles.xml", styles_xml()},
      {"word/settings.xml", settings_xml()},
      {"word/header1.xml", header_xml()}};
  for (auto& c : charts) parts.push_back(std::move(c));
  return zip_parts(parts);
}

std::string place_and_date(const std::string& place, const std::string& iso_date) {
  if (iso_date.size() < 10) return place;
  const int day = std::stoi(iso_date.substr(8, 2));
  const int month = std::stoi(iso_date.substr(5, 2));
  auto two = [](int v, bool pad) { return (pad && v < 10 ? "0" : "") + std::to_string(v); };
  return place + ", ngày " + two(day, true) + " tháng " + two(month, month <= 2) + " năm " +
         iso_date.substr(0, 4);
}

}  // namespace loa::office
