// File: doc/docx.cpp
#include "doc/docx.h"

#include <zip.h>

#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <vector>

namespace loa::doc {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

// One part of the archive, inflated up to `limit` bytes; nullopt when it is absent.
Result<std::optional<std::string>> read_part(zip_t* zip, const char* name, std::size_t limit) {
  const zip_int64_t index = zip_name_locate(zip, name, 0);
  if (index < 0) return std::optional<std::string>();
  std::unique_ptr<zip_file_t, FileCloser> file(
      zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    const int code = zip_error_code_zip(zip_get_error(zip));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
      return invalid_argument(std::string(name) + " is encrypted");
    return invalid_argument(std::string("cannot open ") + name +
                            " in the archive: " + zip_strerror(zip));
  }
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buf, sizeof buf);
    if (n < 0) return invalid_argument(std::string(name) + " is damaged in the archive");
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > limit) {
      return resource_exhausted(std::string(name) + " inflates to more than " +
                                std::to_string(limit >> 20) + " MiB");
    }
  }
  return std::optional<std::string>(std::move(out));
}

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
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) return invalid_argument("not a readable .docx (zip) file");
  std::unique_ptr<zip_t, ZipCloser> zip(
      zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!zip) {
    zip_source_free(source);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return invalid_argument("not a readable .docx file: the zip archive is damaged (" + why + ")");
  }
  zip_error_fini(&error);
  auto document = read_part(zip.get(), "word/document.xml", max_part_bytes);
  if (!document) return document.status();
  if (!*document)
    return invalid_argument("not a Word document: the archive has no word/document.xml");
  Numbering numbering;
  auto numbering_part = read_part(zip.get(), "word/numbering.xml", max_part_bytes);
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
