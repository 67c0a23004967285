// File: doc/docx.cpp
#include "doc/docx.h"

#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <vector>

#include "doc/zip_archive.h"

namespace loa::doc {
namespace {

struct Level {
  std::string format = "decimal";  // numFmt: decimal, lowerLetter, upperRoman, bullet …
  std::string text = "%1.";        // lvlText
  int start = 1;
};

struct Numbering {
  std::map<int, std::map<int, Level>> abstract;  // abstractNumId → ilvl → level
  std::map<int, int> num_to_abstract;            // numId → abstractNumId
  std::map<int, std::vector<int>> counters;      // numId → counters per level

  void load(const pugi::xml_document& xml) {
    for (auto a : xml.child("w:numbering").children("w:abstractNum")) {
      const int id = a.attribute("w:abstractNumId").as_int();
      for (auto l : a.children("w:lvl")) {
        Level lv;
        lv.format = l.child("w:numFmt").attribute("w:val").as_string("decimal");
        lv.text = l.child("w:lvlText").attribute("w:val").as_string("");
        lv.start = l.child("w:start").attribute("w:val").as_int(1);
        abstract[id][l.attribute("w:ilvl").as_int()] = lv;
      }
    }
    for (auto n : xml.child("w:numbering").children("w:num"))
      num_to_abstract[n.attribute("w:numId").as_int()] =
          n.child("w:abstractNumId").attribute("w:val").as_int();
  }

  static std::string format_number(int n, const std::string& format) {
    static constexpr std::pair<int, const char*> kRoman[] = {
        {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
        {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
    if (format == "upperRoman" || format == "lowerRoman") {
      std::string r;
      for (const auto& [v, s] : kRoman)
        while (n >= v) r += s, n -= v;
      if (format == "lowerRoman")
        for (char& c : r) c = static_cast<char>(c + 32);
      return r;
    }
    if (format == "lowerLetter" || format == "upperLetter") {
      const char base = format == "lowerLetter" ? 'a' : 'A';
      std::string r;
      for (int k = 0; k <= (n - 1) / 26; ++k) r += static_cast<char>(base + (n - 1) % 26);
      return r;
    }
    return std::to_string(n);
  }

  // The label a paragraph with (numId, ilvl) shows, counting it.
  std::string label(int num_id, int ilvl) {
    const auto a = num_to_abstract.find(num_id);
    if (a == num_to_abstract.end() || num_id == 0) return {};
    const auto& levels = abstract[a->second];
    const auto lv = levels.find(ilvl);
    if (lv == levels.end() || ilvl < 0 || ilvl > 8) return {};
    if (lv->second.format == "bullet") return "-";
    if (lv->second.format == "none") return {};
    auto& c = counters[num_id];
    if (c.size() < 9) c.assign(9, 0);
    for (int k = 0; k <= ilvl; ++k) {
      if (c[static_cast<std::size_t>(k)] == 0) {
        const auto s = levels.find(k);
        c[static_cast<std::size_t>(k)] =
            (s == levels.end() ? 1 : s->second.start) - (k == ilvl ? 1 : 0);
      }
    }
    ++c[static_cast<std::size_t>(ilvl)];
    for (std::size_t k = static_cast<std::size_t>(ilvl) + 1; k < c.size(); ++k) c[k] = 0;
    std::string out;
    const std::string& text = lv->second.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
        const int k = text[i + 1] - '1';
        const auto s = levels.find(k);
        out += format_number(c[static_cast<std::size_t>(k)],
                             s == levels.end() ? "decimal" : s->second.format);
        ++i;
      } else {
        out += text[i];
      }
    }
    return out;
  }
};

void run_text(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    const std::string_view name = child.name();
    if (name == "w:t") {
      out += child.text().get();
    } else if (name == "w:tab") {
      out += ' ';
    } else if (name == "w:br" || name == "w:cr") {
      out += '\n';
    } else if (name == "w:del" || name == "w:instrText" || name == "w:delText" || name == "w:pPr" ||
               name == "w:rPr" || name == "w:fldChar") {
      continue;
    } else {
      run_text(child, out);  // runs, hyperlinks, insertions, smart tags, fields' results
    }
  }
}

void paragraph(const pugi::xml_node& p, Numbering& numbering, std::string& out) {
  std::string text;
  run_text(p, text);
  const auto num = p.child("w:pPr").child("w:numPr");
  std::string label;
  if (num)
    label = numbering.label(num.child("w:numId").attribute("w:val").as_int(),
                            num.child("w:ilvl").attribute("w:val").as_int());
  if (text.find_first_not_of(" \t") == std::string::npos && label.empty()) {
    out += '\n';
    return;
  }
  if (!label.empty()) out += label + " ";
  out += text;
  out += '\n';
}

void body(const pugi::xml_node& node, Numbering& numbering, std::string& out) {
  for (auto child : node.children()) {
    const std::string_view name = child.name();
    if (name == "w:p") {
      paragraph(child, numbering, out);
    } else if (name == "w:tbl") {
      for (auto row : child.children("w:tr"))
        for (auto cell : row.children("w:tc")) body(cell, numbering, out);
    } else if (name == "w:sdt") {
      body(child.child("w:sdtContent"), numbering, out);
    }
  }
}

}  // namespace

Result<std::string> read_docx(std::string_view bytes, std::size_t max_part_bytes) {
  auto zip = ZipArchive::open(bytes, ".docx");
  if (!zip) return zip.status();
  auto document = zip->part("word/document.xml", max_part_bytes);
  if (!document) return document.status();
  if (!*document)
    return invalid_argument("not a Word document: the archive has no word/document.xml");
  Numbering numbering;
  auto numbering_part = zip->part("word/numbering.xml", max_part_bytes);
  if (!numbering_part) return numbering_part.status();
  if (*numbering_part) {
    pugi::xml_document xml;
    if (xml.load_buffer((*numbering_part)->data(), (*numbering_part)->size())) numbering.load(xml);
  }
  pugi::xml_document xml;
  const auto parsed = xml.load_buffer((*document)->data(), (*document)->size(),
                                      pugi::parse_default | pugi::parse_ws_pcdata);
  if (!parsed) {
    return invalid_argument(std::string("word/document.xml is not well-formed XML (") +
                            parsed.description() + " at byte " + std::to_string(parsed.offset) +
                            ")");
  }
  std::string out;
  body(xml.child("w:document").child("w:body"), numbering, out);
  return out;
}

}  // namespace loa::doc
