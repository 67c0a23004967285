// File: doc/plan.cpp
#include "doc/plan.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "doc/citations.h"
#include "doc/folded.h"
#include "doc/layout.h"
#include "vi/syllable.h"
#include "vi/text.h"
#include "vi/tokenizer.h"
#include "vi/utf8.h"

namespace loa::doc {
namespace {

using Blocks = std::vector<Block>;

std::string_view trim(std::string_view s, std::string_view chars = " \t") {
  while (!s.empty() && chars.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

// Trailing punctuation a heading or a name does not keep.
std::string tidy(std::string_view s) {
  s = trim(s, " \t,;:.|/-_'\"");
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool folded_contains(std::string_view text, std::string_view folded) {
  return find_folded(text, folded) != std::string_view::npos;
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (starts_with_folded(text, w)) return true;
  return false;
}

char32_t first_cp(std::string_view s) { return s.empty() ? 0 : vi::utf8::decode(s, 0).cp; }
bool is_upper_initial(std::string_view s) {
  const char32_t c = first_cp(s);
  return vi::is_letter(c) && vi::split_letter(c).upper;
}

// Upper-case text in the case Vietnamese names are written: "SỞ GIÁO DỤC VÀ ĐÀO TẠO" →
// "Sở Giáo dục và Đào tạo", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" → "Ủy ban nhân dân thành
// phố Hải Phòng". Every word lower case except: the first; the first after a head noun of an
// agency (Sở, Ban, Bộ, Cục, …), after a comma or "và" within it; every word after a place word.
std::string name_case(std::string_view upper) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < upper.size();) {
    while (i < upper.size() && upper[i] == ' ') ++i;
    std::size_t j = i;
    while (j < upper.size() && upper[j] != ' ') ++j;
    if (j > i) words.push_back(vi::lower(upper.substr(i, j - i)));
    i = j;
  }
  bool field_start = true;  // the next word starts a field name
  bool place = false;       // inside a place name: every word capitalised
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::string& w = words[k];
    if (k == 0 || place || field_start) w = vi::capitalize(w);
    std::string fc = vi::fold(w);
    while (!fc.empty() && fc.back() == ',') fc.pop_back();
    const bool comma = !w.empty() && w.back() == ',';
    field_start = false;
    const bool committee = fc == "ban" && k > 0 && vi::fold(words[k - 1]) == "uy";  // Ủy ban
    if (((fc == "so" || fc == "ban" || fc == "bo" || fc == "cuc" || fc == "vien" ||
          fc == "phong") &&
         !committee) ||
        comma || fc == "va")
      field_start = !place && k + 1 < words.size();
    if (k + 1 < words.size()) {
      const std::string pair = fc + " " + vi::fold(words[k + 1]);
      if (fc == "tinh" || pair == "thanh pho" || fc == "quan" || fc == "huyen" || fc == "xa" ||
          fc == "phuong" || pair == "dac khu" || pair == "thi xa" || pair == "thi tran") {
        place = true;
        if (pair == "thanh pho" || pair == "dac khu" || pair == "thi xa" || pair == "thi tran") {
          // the second word of the place word stays lower case
          ++k;
        }
      }
    }
  }
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// ---- Roman numerals -------------------------------------------------------------------------

std::string roman(int n) {
  static constexpr std::pair<int, std::string_view> kParts[] = {
      {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [v, s] : kParts)
    while (n >= v) out += s, n -= v;
  return out;
}

// The Roman number a heading label stands for, read with OCR's confusions (1, l, L, | for I)
// and the number the sequence expects next; 0 when it cannot be one.
int read_roman(std::string_view label, int expected) {
  std::string mapped;
  for (char c : label) mapped += (c == '1' || c == 'l' || c == 'L' || c == '|') ? 'I' : c;
  for (int n = 1; n <= 20; ++n) {
    const std::string r = roman(n);
    if (mapped == r) return n;
  }
  // A stray leading mark: "1IV" for "IV".
  if (mapped.size() > 1 && roman(expected) == mapped.substr(1)) return expected;
  if (label.size() == roman(expected).size()) return expected;  // same length, damaged
  return 0;
}

// ---- Lexicon --------------------------------------------------------------------------------

struct TypeName {
  std::string_view folded;
  std::string_view code;
};
constexpr TypeName kTypeNames[] = {
    {"ke hoach", "KH"},  {"quyet dinh", "QĐ"}, {"chi thi", "CT"},       {"nghi quyet", "NQ"},
    {"thong bao", "TB"}, {"huong dan", "HD"},  {"chuong trinh", "CTr"}, {"bao cao", "BC"},
    {"de an", "ĐA"},     {"ket luan", "KL"},   {"to trinh", "TTr"},     {"phuong an", "PA"},
    {"quy che", "QC"},   {"cong van", "CV"},   {"thong tri", "TT"},     {"quy dinh", "QyĐ"}};

std::optional<std::string> type_of_heading(std::string_view text) {
  const std::string f = tidy(vi::fold(text));
  for (const auto& t : kTypeNames)
    if (f == t.folded) return std::string(t.code);
  return std::nullopt;
}

// Words an agency's name starts with.
constexpr std::string_view kAgencyHeads[] = {"so",
                                             "ban",
                                             "bo",
                                             "uy ban",
                                             "ubnd",
                                             "van phong",
                                             "cong an",
                                             "dai",
                                             "bao",
                                             "cong thong tin",
                                             "lien hiep",
                                             "hoi",
                                             "doan",
                                             "cac",
                                             "trung tam",
                                             "phong",
                                             "thanh uy",
                                             "huyen uy",
                                             "dang uy",
                                             "mat tran",
                                             "nguoi phat ngon",
                                             "co quan",
                                             "chi cuc",
                                             "cuc",
                                             "vien",
                                             "truong",
                                             "thu truong",
                                             "lanh dao",
                                             "thanh doan",
                                             "quan",
                                             "huyen",
                                             "xa",
                                             "phuong",
                                             "dac khu",
                                             "ngan hang",
                                             "kho bac",
                                             "toa an",
                                             "vien kiem sat",
                                             "bql",
                                             "tong cong ty",
                                             "cong ty",
                                             "hoi dong",
                                             "to chuc"};

// Whether `text` holds a document number ("1578/BTTTT-TTDN"): no agency's name does.
bool cites_a_document(std::string_view text) {
  vi::TokenStream stream(text);
  vi::Token token{};
  while (stream.next(token)) {
    if (token.kind == vi::TokenKind::kDocumentNumber) return true;
  }
  return false;
}

bool looks_like_agency(std::string_view text) {
  for (auto h : kAgencyHeads)
    if (starts_with_folded(text, h)) return true;
  return false;
}

// Verbs that start what an agency must do; the agency's name is what comes before them.
constexpr std::string_view kTaskVerbs[] = {"chu tri",
                                           "phoi hop",
                                           "to chuc thuc hien",
                                           "to chuc trien khai",
                                           "thuc hien",
                                           "trien khai",
                                           "xay dung",
                                           "co trach nhiem",
                                           "chiu trach nhiem",
                                           "can cu",
                                           "tham muu",
                                           "huong dan",
                                           "theo doi",
                                           "cung cap",
                                           "chi dao",
                                           "de xuat",
                                           "la co quan",
                                           "lam dau moi",
                                           "bo tri",
                                           "cap kinh phi",
                                           "tiep tuc",
                                           "chu dong",
                                           "tang cuong",
                                           "day manh",
                                           "tong hop",
                                           "bam sat",
                                           "kip thoi",
                                           "thuong xuyen",
                                           "tich cuc",
                                           "phu trach"};

// Where the first task verb starts after at least two words, or npos.
std::size_t task_verb_at(std::string_view text) {
  std::size_t best = std::string_view::npos;
  for (auto v : kTaskVerbs) {
    std::size_t from = 0;
    for (;;) {
      const std::size_t at = find_folded(text, v, from);
      if (at == std::string_view::npos || at >= best) break;
      std::size_t spaces = 0;
      for (std::size_t i = 0; i < at; ++i) spaces += text[i] == ' ';
      if (spaces >= 2) {
        best = at;
        break;
      }
      from = at + 1;
    }
  }
  return best;
}

// ---- Blocks by region -----------------------------------------------------------------------

struct Regions {
  std::size_t first_section = 0;  // index of the first Roman block (blocks.size() if none)
  std::size_t closing = 0;        // index of the first closing block ("Nơi nhận")
  std::size_t closing_line = 0;   // its line (0: none)
};

bool is_closing_start(std::string_view text) {
  return starts_with_folded(text, "noi nhan") || starts_with_folded(text, "noi nhin");
}

// "Trên đây là Kế hoạch …", "Trong quá trình thực hiện …": the plan's closing words.
bool is_closing_paragraph(std::string_view text) {
  return starts_with_any(text, {"tren day la", "trong qua trinh", "yeu cau thu truong",
                                "yeu cau cac", "de nghi cac co quan, don vi nghiem tuc"});
}

// ---- Metadata -------------------------------------------------------------------------------

bool is_motto(std::string_view text) {
  return folded_contains(text, "cong hoa xa hoi chu nghia") ||
         folded_contains(text, "doc lap - tu do") || folded_contains(text, "doc lap tu do") ||
         folded_contains(text, "dang cong san viet nam");
}

// "Số: 62/KH-UBND" → number "62", symbol "KH-UBND"; "Số: /KH-SGDĐT" → symbol only.
bool read_number_line(std::string_view text, PlanDocument& doc) {
  const std::size_t after = match_folded(text, 0, "so");
  if (after == std::string_view::npos) return false;
  std::string_view rest = text.substr(after);
  // "Số: 62/KH-UBND", and in Party documents "Số 04-KH/ĐU" without the colon.
  if (!rest.empty() && (rest.front() == ':' || rest.front() == '.')) {
    rest = trim(rest.substr(1));
  } else {
    rest = trim(rest);
    if (rest.empty() || !((rest.front() >= '0' && rest.front() <= '9') || rest.front() == '/') ||
        rest.find('/') == std::string_view::npos || rest.size() > 40)
      return false;
  }
  std::size_t i = 0;
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
  if (i > 0) doc.number = std::string(rest.substr(0, i));
  rest = trim(rest.substr(i));
  if (!rest.empty() && (rest.front() == '/' || rest.front() == '-')) rest = trim(rest.substr(1));
  std::size_t end = 0;
  while (end < rest.size() && rest[end] != ' ') ++end;
  if (end > 0) doc.symbol = std::string(rest.substr(0, end));
  return true;
}

// "Hải Phòng, ngày 17 tháng 9 năm 2025" (day and month may be blank in a draft).
bool read_place_date(std::string_view text, PlanDocument& doc) {
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma > 60) return false;
  const std::string_view rest = trim(text.substr(comma + 1));
  if (!starts_with_folded(rest, "ngay")) return false;
  const std::size_t nam = find_folded(rest, "nam");
  if (nam == std::string_view::npos) return false;
  std::size_t i = match_folded(rest, nam, "nam");
  while (i < rest.size() && rest[i] == ' ') ++i;
  int year = 0;
  int digits = 0;
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9' && digits < 4)
    year = year * 10 + (rest[i++] - '0'), ++digits;
  if (digits != 4) return false;
  doc.place = tidy(text.substr(0, comma));
  doc.year = year;
  if (auto date = read_date(rest)) doc.date = std::move(date);
  return true;
}

bool is_preamble(std::string_view text) {
  if (starts_with_any(text, {"can cu", "thuc hien", "theo", "xet", "nham", "de trien khai"}))
    return true;
  const std::string_view t = trim(text);
  return !t.empty() && (t.back() == ';' || t.back() == ':');
}

// "… năm 2025" at the end of a title; "giai đoạn 2021 - 2025"; "3 tháng cuối năm 2025".
std::optional<Period> period_of(std::string_view title) {
  const std::string f = vi::fold(title);
  const auto iso = iso_date;
  auto year_at = [&](std::size_t pos) -> int {
    while (pos < f.size() && f[pos] == ' ') ++pos;
    if (pos + 4 > f.size()) return 0;
    int y = 0;
    for (std::size_t k = pos; k < pos + 4; ++k) {
      if (f[k] < '0' || f[k] > '9') return 0;
      y = y * 10 + (f[k] - '0');
    }
    if (pos + 4 < f.size() && f[pos + 4] >= '0' && f[pos + 4] <= '9') return 0;
    return y;
  };
  if (const std::size_t g = f.rfind("giai doan"); g != std::string::npos) {
    const int y1 = year_at(g + 9);
    std::size_t dash = f.find('-', g + 9);
    if (y1 > 0 && dash != std::string::npos && dash < g + 20) {
      const int y2 = year_at(dash + 1);
      if (y2 >= y1) return Period{iso(y1, 1, 1), iso(y2, 12, 31)};
    }
  }
  for (std::size_t t = f.find(" thang "); t != std::string::npos; t = f.find(" thang ", t + 1)) {
    std::size_t s = t;
    while (s > 0 && f[s - 1] >= '0' && f[s - 1] <= '9') --s;
    if (s == t) continue;
    const int months = std::atoi(f.c_str() + s);
    const std::string_view after = std::string_view(f).substr(t + 7);
    const bool first = after.substr(0, 7) == "dau nam";
    const bool last = after.substr(0, 8) == "cuoi nam";
    if ((!first && !last) || months < 1 || months > 12) continue;
    const int y = year_at(t + 7 + (first ? 7 : 8));
    if (y == 0) continue;
    if (first)
      return Period{iso(y, 1, 1),
                    iso(y, months,
                        months == 2                                                   ? 28
                        : (months == 4 || months == 6 || months == 9 || months == 11) ? 30
                                                                                      : 31)};
    return Period{iso(y, 13 - months, 1), iso(y, 12, 31)};
  }
  // "năm 2025", not "đến năm 2030" or "tầm nhìn đến năm 2045".
  for (std::size_t n = f.rfind("nam "); n != std::string::npos;
       n = n == 0 ? std::string::npos : f.rfind("nam ", n - 1)) {
    const int y = year_at(n + 4);
    if (y == 0 || (n > 0 && f[n - 1] != ' ')) continue;
    const std::string_view before = std::string_view(f).substr(0, n);
    if (before.ends_with("den ") || before.ends_with("nhin ") || before.ends_with("tu "))
      return std::nullopt;
    return Period{iso(y, 1, 1), iso(y, 12, 31)};
  }
  return std::nullopt;
}

// ---- Signature and recipients --------------------------------------------------------------

// The start of a signature prefix in `line` ("TM.", "KT,", "T/M", "TL.", "TUQ.", "Q.") that
// is followed by upper-case words, or npos.
std::size_t signature_at(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (i > 0 && is_word_byte(line[i - 1])) continue;
    for (std::string_view p : {"TM", "KT", "T/M", "TL", "TUQ", "Q"}) {
      if (line.compare(i, p.size(), p) != 0) continue;
      std::size_t j = i + p.size();
      if (j >= line.size()) continue;
      if (line[j] == '.' || line[j] == ',') {
        ++j;
      } else if (p != "T/M" || line[j] != ' ') {
        continue;  // "T/M BAN THƯỜNG VỤ": Party documents write it without the dot
      }
      while (j < line.size() && line[j] == ' ') ++j;
      if (j < line.size() && is_upper_initial(line.substr(j)) && mostly_upper(line.substr(j)))
        return i;
    }
  }
  return std::string_view::npos;
}

std::string capacity_part(std::string_view s) {
  std::string out = tidy(s);
  // "KT, CHỦ TỊCH" → "KT. CHỦ TỊCH"
  const std::size_t sep = out.find_first_of(".,");
  if (sep != std::string::npos && sep <= 3) out[sep] = '.';
  return out;
}

constexpr std::string_view kSurnames[] = {
    "nguyen", "tran",  "le",    "pham", "hoang", "huynh", "phan", "vu",     "vo",
    "dang",   "bui",   "do",    "ho",   "ngo",   "duong", "ly",   "dinh",   "dao",
    "doan",   "trinh", "mai",   "cao",  "lam",   "luong", "ta",   "ha",     "trieu",
    "vuong",  "tong",  "quach", "luu",  "chu",   "la",    "khuc", "nghiem", "to"};

// The usual spellings of the syllables of Vietnamese names. OCR repair, trained on prose,
// gets names wrong ("Hoàng Mình Cương"); in text that went through it, a name syllable
// with one of these accent-free forms takes this spelling.
constexpr std::string_view kNameSyllables[] = {
    "Nguyễn", "Trần",  "Lê",    "Phạm",   "Hoàng", "Huỳnh", "Phan",   "Vũ",    "Võ",    "Đặng",
    "Bùi",    "Đỗ",    "Hồ",    "Ngô",    "Dương", "Lý",    "Đinh",   "Đào",   "Đoàn",  "Trịnh",
    "Mai",    "Cao",   "Lâm",   "Lương",  "Tạ",    "Hà",    "Triệu",  "Vương", "Tống",  "Quách",
    "Lưu",    "Chu",   "Khúc",  "Nghiêm", "Minh",  "Cường", "Hùng",   "Dũng",  "Tuấn",  "Hương",
    "Lan",    "Anh",   "Hoa",   "Hải",    "Thành", "Trung", "Quang",  "Văn",   "Thị",   "Đức",
    "Huy",    "Long",  "Nam",   "Phương", "Thu",   "Thủy",  "Tùng",   "Sơn",   "Quốc",  "Hiệu",
    "Chinh",  "Tiến",  "Bình",  "Hòa",    "Hạnh",  "Hồng",  "Khánh",  "Linh",  "Ngọc",  "Nga",
    "Oanh",   "Phúc",  "Quân",  "Tâm",    "Thắng", "Thanh", "Thảo",   "Trang", "Tú",    "Việt",
    "Vinh",   "Xuân",  "Yến",   "Đạt",    "Định",  "Giang", "Hiền",   "Hiếu",  "Hưng",  "Kiên",
    "Lực",    "Nghĩa", "Nhung", "Phong",  "Tài",   "Thịnh", "Toàn",   "Trí",   "Trọng", "Tuyết",
    "Vân",    "Công",  "Chí",   "Khoa",   "Khải",  "Mạnh",  "Nguyên", "Phát",  "Tân",   "Thái",
    "Thiện",  "Thông", "Tín",   "Tuệ",    "Hậu",   "Duy",   "Bảo",    "Đông",  "Hiển",  "Kiệt",
    "Lộc",    "Phú",   "Quý",   "Tường",  "Uyên",  "Ánh",   "Châu",   "Diệp",  "Hằng",  "Huệ",
    "Kim",    "Loan",  "Ngân",  "Quyên",  "Quỳnh", "Thúy",  "Trâm",   "Khang", "Khôi",  "Luân",
    "Nhân",   "Sáng",  "Tâm",   "Thuận",  "Tiệp",  "Toản",  "Tuân",   "Vĩnh",  "Xuyên", "Doanh"};

std::string spell_name(std::string_view name) {
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    std::size_t j = name.find(' ', i);
    if (j == std::string_view::npos) j = name.size();
    const std::string_view word = name.substr(i, j - i);
    const std::string folded = vi::fold(word);
    std::string_view spelled = word;
    for (auto n : kNameSyllables)
      if (vi::fold(n) == folded) {
        spelled = n;
        break;
      }
    if (!out.empty()) out += ' ';
    out += spelled;
    i = j + 1;
  }
  return out;
}

// A person's name in `line`: two to four capitalised syllables, the first a surname.
std::optional<std::string> find_name(std::string_view line) {
  std::vector<std::string_view> words;
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < line.size();) {
    while (i < line.size() && !is_word_byte(line[i])) ++i;
    std::size_t j = i;
    while (j < line.size() && is_word_byte(line[j])) ++j;
    if (j > i) words.push_back(line.substr(i, j - i)), starts.push_back(i);
    i = j;
  }
  std::optional<std::string> found;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string f = vi::fold(words[k]);
    bool surname = false;
    for (auto s : kSurnames) surname = surname || f == s;
    if (!surname || !is_upper_initial(words[k]) || mostly_upper(words[k])) continue;
    std::size_t n = k + 1;
    while (n < words.size() && n - k < 4 && is_upper_initial(words[n]) && !mostly_upper(words[n]) &&
           vi::is_valid_syllable(words[n]))
      ++n;
    if (n - k < 2 || n - k > 4) continue;
    // Only spaces between the words.
    const std::size_t from = starts[k];
    const std::size_t to = starts[n - 1] + words[n - 1].size();
    const std::string_view span = line.substr(from, to - from);
    if (span.find_first_of(",;:.") != std::string_view::npos) continue;
    found = std::string(span);
    k = n - 1;
  }
  return found;
}

void read_closing(const std::vector<Line>& lines, std::size_t closing_line, bool repaired,
                  PlanDocument& doc) {
  std::vector<std::string> capacity;
  std::optional<std::string> name;
  std::vector<std::string> recipients;
  bool in_recipients = false;
  bool capacity_open = false;
  for (const Line& l : lines) {
    if (l.number + 12 < closing_line) continue;
    std::string_view text = l.text;
    const bool after = l.number >= closing_line && closing_line > 0;
    // The signature column, which OCR interleaves with the recipients.
    const std::size_t sig = signature_at(text);
    std::string_view sig_text;
    if (sig != std::string_view::npos) {
      sig_text = text.substr(sig);
      text = trim(text.substr(0, sig), " \t_\\|");
      capacity.push_back(capacity_part(sig_text));
      capacity_open = true;
    } else if (capacity_open && text.front() != '-' && mostly_upper(text) &&
               length_in_chars(text) <= 40 && !is_closing_start(text)) {
      capacity.push_back(tidy(text));
      continue;
    } else if (!text.empty() && text.front() != '-' && !mostly_upper(text)) {
      capacity_open = false;
    }
    // A recipient line ("- Lưu Văn phòng") may end with the signer's name, which OCR put on
    // the same line, but only after the item's own end ("…; Hoàng Minh Cường").
    std::string_view name_zone = text;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
      const std::size_t semi = text.rfind("; ");
      name_zone = semi == std::string_view::npos ? std::string_view{} : text.substr(semi + 2);
    }
    if (auto n = find_name(name_zone); n && (after || sig != std::string_view::npos || name)) {
      name = n;
      const std::size_t at = text.rfind(*n);
      text = trim(text.substr(0, at), " \t;,");
    }
    if (!after) continue;
    if (is_closing_start(text)) {
      in_recipients = true;
      const std::size_t colon = text.find(':');
      text = colon == std::string_view::npos ? std::string_view{} : trim(text.substr(colon + 1));
    }
    if (!in_recipients || text.empty()) continue;
    if (text.front() == '-' || text.front() == '+' || recipients.empty()) {
      recipients.emplace_back(trim(text, " -+\t"));
    } else if (!is_upper_initial(text) || !recipients.back().empty()) {
      recipients.back() += ' ';
      recipients.back() += text;
    }
  }
  for (auto& r : recipients) {
    // Drop what OCR left at the end ("NCKTGS1 g", "i . ."): keep up to the last ; or .
    std::string t = tidy(r);
    while (!t.empty()) {
      const std::size_t sp = t.rfind(' ');
      if (sp == std::string::npos) break;
      const std::string_view last = std::string_view(t).substr(sp + 1);
      std::size_t letters = 0;
      for (char c : last) letters += is_word_byte(c) ? 1 : 0;
      if (letters >= 2 && last != "i") break;
      t = tidy(t.substr(0, sp));
    }
    r = t;
  }
  std::erase_if(recipients, [](const std::string& r) { return r.size() < 2; });
  if (!capacity.empty()) {
    std::string c;
    for (const auto& p : capacity) c += (c.empty() ? "" : " / ") + p;
    doc.signer.capacity = c;
  }
  if (name && repaired) name = spell_name(*name);
  doc.signer.name = name;
  doc.recipients = std::move(recipients);
}

// ---- Assignments ------------------------------------------------------------------------------

// The start of a task's main clause: after an opening "Trên cơ sở …," or "Căn cứ …,".
std::string_view main_clause(std::string_view text) {
  if (starts_with_any(text, {"tren co so", "can cu", "de", "nham"})) {
    const std::size_t comma = text.rfind(", ", std::min<std::size_t>(text.size(), 250));
    if (comma != std::string_view::npos) return text.substr(comma + 2);
  }
  return text;
}

std::string_view first_clause(std::string_view text) {
  const std::size_t end = text.find_first_of(";.");
  return end == std::string_view::npos ? text : text.substr(0, end);
}

bool leads(std::string_view task) {
  const std::string_view clause = first_clause(task);
  if (starts_with_folded(clause, "phoi hop")) return false;
  for (std::string_view w : {"chu tri", "dau moi", "thuong truc"}) {
    const std::size_t at = find_folded(clause, w);
    if (at == std::string_view::npos) continue;
    // "do Ban Tuyên giáo chủ trì": another body leads.
    const std::string_view before = clause.substr(0, at);
    if (find_folded(before, "do") != std::string_view::npos && w == "chu tri") continue;
    return true;
  }
  return false;
}

bool cooperates(std::string_view task) {
  const std::string_view clause = main_clause(task);
  return starts_with_any(
      clause, {"phoi hop", "tham muu", "cap kinh phi", "bo tri kinh phi", "ho tro", "tham gia"});
}

bool is_collective(std::string_view agency) { return starts_with_folded(agency, "cac"); }

Role role_of(const Assignment& a) {
  if (a.tasks.empty()) return Role::kImplement;
  if (!is_collective(a.agency))
    for (const Task& t : a.tasks)
      if (leads(t.text)) return Role::kLead;
  if (cooperates(a.tasks.front().text)) return Role::kCooperate;
  std::size_t n = 0;
  for (const Task& t : a.tasks) n += cooperates(t.text) ? 1 : 0;
  return n * 2 > a.tasks.size() ? Role::kCooperate : Role::kImplement;
}

std::string agency_name(std::string_view heading, bool& requested) {
  std::string_view h = trim(heading);
  requested = false;
  if (const std::size_t e = match_folded(h, 0, "de nghi"); e != std::string_view::npos) {
    requested = true;
    h = trim(h.substr(e));
  }
  if (const std::size_t e = match_folded(h, 0, "trach nhiem cua"); e != std::string_view::npos)
    h = trim(h.substr(e));
  return tidy(h);
}

// "trước ngày 10/12/2025" → "2025-12-10"; "trước ngày 10/12" → "12-10" (a day every year).
// OCR repair sometimes garbles "trước": a parenthesised "(… ngày 10/12)" counts as well.
std::optional<std::string> date_after(std::string_view text, std::size_t at) {
  std::size_t used = 0;
  if (auto d = read_date(text.substr(at), &used)) return d;
  std::string_view rest = trim(text.substr(at));
  if (const std::size_t e = match_folded(rest, 0, "ngay"); e != std::string_view::npos)
    rest = trim(rest.substr(e));
  int day = 0;
  int month = 0;
  std::size_t i = 0;
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') day = day * 10 + (rest[i++] - '0');
  if (i == 0 || i >= rest.size() || rest[i] != '/') return std::nullopt;
  const std::size_t m0 = ++i;
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9')
    month = month * 10 + (rest[i++] - '0');
  if (i == m0 || (i < rest.size() && rest[i] == '/')) return std::nullopt;
  if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
  return iso_date(0, month, day);
}

std::optional<std::string> due_of(std::string_view text) {
  for (std::size_t at = find_folded(text, "truoc ngay"); at != std::string_view::npos;
       at = find_folded(text, "truoc ngay", at + 1)) {
    if (auto d = date_after(text, match_folded(text, at, "truoc"))) return d;
  }
  for (std::size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos) break;
    const std::string_view inside = text.substr(open + 1, close - open - 1);
    const std::size_t ngay = find_folded(inside, "ngay");
    if (ngay == std::string_view::npos || ngay > 12) continue;
    if (auto d = date_after(inside, ngay)) return d;
  }
  return std::nullopt;
}

// ---- Reporting duties ---------------------------------------------------------------------

std::optional<std::string> recurrence_of(std::string_view sentence) {
  if (folded_contains(sentence, "hang nam")) return "yearly";
  if (folded_contains(sentence, "6 thang") || folded_contains(sentence, "sau thang"))
    return "half_yearly";
  if (folded_contains(sentence, "hang quy")) return "quarterly";
  if (folded_contains(sentence, "hang thang")) return "monthly";
  if (folded_contains(sentence, "khi co yeu cau") ||
      folded_contains(sentence, "khi duoc yeu cau") || folded_contains(sentence, "neu") ||
      folded_contains(sentence, "khi can") || folded_contains(sentence, "dot xuat"))
    return "on_request";
  if (folded_contains(sentence, "dinh ky")) return "periodic";
  return std::nullopt;
}

// A clause read up to the next boundary: "(", ",", ";", ".", or a linking word.
std::string clause_until_boundary(std::string_view text) {
  std::size_t end = text.size();
  for (char c : {'(', ',', ';', ')'}) end = std::min(end, text.find(c));
  for (std::size_t i = 0; i + 1 < text.size() && i < end; ++i)
    if (text[i] == '.' && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '/'))
      end = std::min(end, i);
  for (std::string_view w :
       {"de", "truoc", "theo", "ket qua", "qua", "ve viec", "dinh ky", "trong"}) {
    const std::size_t at = find_folded(text, w);
    if (at != std::string_view::npos && at > 0) end = std::min(end, at);
  }
  return tidy(text.substr(0, end));
}

// "(qua đồng chí Trần Tiến Chinh - Chánh Văn phòng Sở, …)" → "Văn phòng Sở".
std::string via_unit(std::string via) {
  if (!starts_with_folded(via, "dong chi")) return via;
  const std::size_t dash = via.find(" - ");
  if (dash == std::string::npos) return via;
  std::string_view unit = trim(std::string_view(via).substr(dash + 3));
  for (std::string_view title : {"pho chanh", "chanh", "pho truong", "truong", "pho giam doc",
                                 "giam doc", "pho chu tich", "chu tich"}) {
    const std::size_t e = match_folded(unit, 0, title);
    if (e != std::string_view::npos && e < unit.size() && unit[e] == ' ') {
      unit = trim(unit.substr(e));
      break;
    }
  }
  return tidy(unit);
}

// "Sở GDĐT" → "Sở Giáo dục và Đào tạo" when the plan wrote "Sở Giáo dục và Đào tạo (GDĐT)".
std::string expand_abbreviations(std::string text,
                                 const std::map<std::string, std::string>& abbreviations) {
  for (const auto& [abbr, full] : abbreviations) {
    const std::size_t at = text.find(abbr);
    if (at == std::string::npos) continue;
    const std::size_t end = at + abbr.size();
    if ((at > 0 && is_word_byte(text[at - 1])) || (end < text.size() && is_word_byte(text[end])))
      continue;
    text.replace(at, abbr.size(), full);
  }
  return text;
}

// Abbreviations a plan defines in passing: "Sở Giáo dục và Đào tạo (GDĐT)" → GDĐT is
// "Giáo dục và Đào tạo", the trailing words whose initials (without "và") spell it.
void collect_abbreviations(std::string_view text, std::map<std::string, std::string>& out) {
  for (std::size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos || close - open > 16) continue;
    const std::string abbr(trim(text.substr(open + 1, close - open - 1)));
    if (abbr.size() < 2 || !mostly_upper(abbr) || abbr.find(' ') != std::string::npos) continue;
    const std::string initials = vi::fold(abbr);
    // Words before the parenthesis, nearest first.
    std::vector<std::string_view> words;
    std::size_t i = open;
    while (i > 0 && words.size() < 12) {
      while (i > 0 && text[i - 1] == ' ') --i;
      std::size_t j = i;
      while (j > 0 && text[j - 1] != ' ') --j;
      if (j == i) break;
      words.push_back(text.substr(j, i - j));
      i = j;
    }
    std::string got;
    std::size_t k = 0;
    for (; k < words.size(); ++k) {
      const std::string f = vi::fold(words[k]);
      if (f == "va") continue;
      if (f.empty()) break;
      got.insert(got.begin(), f[0]);
      if (got.size() >= initials.size()) break;
    }
    if (got != initials || k >= words.size()) continue;
    const std::size_t start = static_cast<std::size_t>(words[k].data() - text.data());
    out.emplace(abbr, tidy(text.substr(start, open - start)));
  }
}

}  // namespace

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kLead:
      return "lead";
    case Role::kCooperate:
      return "cooperate";
    case Role::kImplement:
      return "implement";
  }
  return "implement";
}

Plan parse_plan(std::string_view text, bool repaired_ocr) {
  Plan plan;
  plan.from_ocr = repaired_ocr;
  const std::vector<Line> lines = clean_lines(text);
  const Blocks blocks = layout_blocks(lines);

  // Secrecy marks stand alone near the top: "MẬT", "TỐI MẬT", "TUYỆT MẬT".
  for (std::size_t i = 0; i < lines.size() && i < 25; ++i) {
    const std::string t = tidy(lines[i].text);
    if (t == "MẬT" || t == "TỐI MẬT" || t == "TUYỆT MẬT" || t == "MAT" || t == "TOI MAT" ||
        t == "TUYET MAT")
      plan.secrecy = t == "MAT"         ? "MẬT"
                     : t == "TOI MAT"   ? "TỐI MẬT"
                     : t == "TUYET MAT" ? "TUYỆT MẬT"
                                        : t;
  }

  // Regions: head (before section I), body, closing ("Nơi nhận" on).
  Regions r;
  r.first_section = blocks.size();
  r.closing = blocks.size();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (r.first_section == blocks.size() && blocks[i].marker == Marker::kRoman) r.first_section = i;
    if (is_closing_start(blocks[i].text) || is_closing_start(blocks[i].label + blocks[i].text)) {
      r.closing = i;
      r.closing_line = blocks[i].line;
      break;
    }
  }
  if (r.first_section > r.closing) r.first_section = r.closing;
  if (r.closing_line == 0)
    for (const Line& l : lines)
      if (is_closing_start(l.text)) {
        r.closing_line = l.number;
        break;
      }

  // ---- Head: issuer, number, place and date, type, title, preamble.
  PlanDocument& doc = plan.document;
  std::optional<std::string> header_issuer;
  std::size_t title_block = blocks.size();
  std::vector<std::size_t> preamble;
  bool type_line = false;
  std::size_t type_line_number = 0;
  std::size_t number_line = 0;
  std::optional<std::string> split_title;  // a title that shared its block with the type name
  for (std::size_t i = 0; i < r.first_section; ++i) {
    const Block& b = blocks[i];
    if (is_motto(b.text)) continue;
    if (!doc.symbol && !doc.number && read_number_line(b.text, doc)) {
      number_line = b.line;  // the document's own number: not a citation
      continue;
    }
    if (!doc.place && read_place_date(b.text, doc)) continue;
    if (auto t = type_of_heading(b.text); t && !type_line) {
      doc.type = std::move(t);
      type_line = true;
      type_line_number = b.line;
      continue;
    }
    // "KẾ HOẠCH\nthực hiện …": a title in lower case continues the type name's line.
    if (const std::size_t space = b.text.find(' ', b.text.find(' ') + 1);
        !type_line && space != std::string::npos && b.line + 1 <= b.last_line) {
      for (const auto& tn : kTypeNames) {
        const std::size_t end = match_folded(b.text, 0, tn.folded);
        if (end == std::string_view::npos || !mostly_upper(b.text.substr(0, end)) ||
            end >= b.text.size() || b.text[end] != ' ')
          continue;
        doc.type = std::string(tn.code);
        type_line = true;
        type_line_number = b.line;
        if (title_block == blocks.size()) {
          title_block = i;
          // The subject line as a title: its first letter a capital.
          split_title = vi::capitalize(tidy(b.text.substr(end + 1)));
        }
        break;
      }
      if (type_line) continue;
    }
    if (b.upper && !type_line && title_block == blocks.size()) continue;  // header lines
    if (title_block == blocks.size() && !is_preamble(b.text) && !b.upper) {
      title_block = i;
      continue;
    }
    if (title_block != blocks.size() || is_preamble(b.text)) preamble.push_back(i);
  }
  if (title_block != blocks.size())
    doc.title = split_title ? *split_title : tidy(blocks[title_block].text);

  // Abbreviations the text defines, for names written short later.
  std::map<std::string, std::string> abbreviations;
  collect_abbreviations(text, abbreviations);

  // Issuer: the header; else the preamble's "X ban hành Kế hoạch"; else the signature.
  // The header's issuer: upper-case lines above the type name, the national motto aside.
  // "UBND THÀNH PHỐ HẢI PHÒNG / SỞ GIÁO DỤC VÀ ĐÀO TẠO": the unit under its parent issues.
  {
    const std::size_t type_at = type_line_number == 0
                                    ? (title_block < blocks.size() ? blocks[title_block].line : 0)
                                    : type_line_number;
    std::vector<std::string> group;
    for (const Line& l : lines) {
      if (l.number >= type_at) break;
      if (!mostly_upper(l.text) || is_motto(l.text) || starts_with_folded(l.text, "so")) {
        if (!group.empty()) break;
        continue;
      }
      group.push_back(tidy(l.text));
    }
    std::size_t unit = 0;
    for (std::size_t k = 1; k < group.size(); ++k)
      if (starts_with_any(group[k], {"so", "ban", "phong", "van phong", "trung tam", "cuc",
                                     "chi cuc", "vien", "truong", "thanh uy", "huyen uy", "dang uy",
                                     "ban thuong vu", "hoi dong", "cong an"}))
        unit = k;
    std::string joined;
    for (std::size_t k = unit; k < group.size(); ++k)
      joined += (joined.empty() ? "" : " ") + group[k];
    if (!joined.empty()) header_issuer = name_case(joined);
  }
  if (header_issuer) doc.issuer = header_issuer;
  for (std::size_t i : preamble) {
    if (doc.issuer) break;
    const std::string_view t = blocks[i].text;
    const std::size_t at = find_folded(t, "ban hanh");
    if (at == std::string_view::npos) continue;
    std::string_view subject = t.substr(0, at);
    const std::size_t cut = subject.find_last_of(";.");
    if (cut != std::string_view::npos) subject = subject.substr(cut + 1);
    std::string s = tidy(subject);
    if (const std::size_t paren = s.find(" ("); paren != std::string::npos)
      s = tidy(s.substr(0, paren));
    // "Công văn số 1578/BTTTT-TTDN … của Chính phủ ban hành …" is a document the plan rests
    // on, not who issues it — whatever OCR made of its first word.
    if (looks_like_agency(s) && !cites_a_document(s)) doc.issuer = s;
  }
  if (!doc.type) {
    for (std::size_t i : preamble) {
      const std::string_view t = blocks[i].text;
      const std::size_t at = find_folded(t, "ban hanh");
      if (at == std::string_view::npos) continue;
      for (const auto& tn : kTypeNames)
        if (match_folded(t, at + std::string_view("ban hành ").size(), tn.folded) !=
            std::string_view::npos)
          doc.type = std::string(tn.code);
    }
  }

  // ---- Citations: everything cited; the head's are the basis.
  const std::size_t body_end_line = r.closing_line > 0 ? r.closing_line
                                    : lines.empty()    ? 0
                                                       : lines.back().number + 1;
  std::size_t head_end_line =
      r.first_section < blocks.size() ? blocks[r.first_section].line : body_end_line;
  std::size_t offset_line = 1;
  std::size_t line_start = 0;
  for (const Citation& c : find_citations(text)) {
    while (line_start < c.offset) {
      const std::size_t nl = text.find('\n', line_start);
      if (nl == std::string_view::npos || nl >= c.offset) break;
      line_start = nl + 1;
      ++offset_line;
    }
    if (offset_line >= body_end_line || offset_line == number_line) continue;
    const auto same = [&](const CitedDocument& d) { return d.id == c.id; };
    auto it = std::find_if(plan.references.begin(), plan.references.end(), same);
    if (it == plan.references.end()) {
      plan.references.push_back({c.id, c.date, c.issuer});
    } else {
      if (!it->date) it->date = c.date;
      if (!it->issuer) it->issuer = c.issuer;
    }
    if (offset_line < head_end_line &&
        offset_line >= (title_block < blocks.size() ? blocks[title_block].line : 0) &&
        std::none_of(plan.basis.begin(), plan.basis.end(), same))
      plan.basis.push_back({c.id, c.date, c.issuer});
  }
  for (CitedDocument& b : plan.basis)
    for (const CitedDocument& ref : plan.references)
      if (ref.id == b.id) b = ref;

  // ---- Sections.
  int expected = 1;
  std::vector<std::size_t> section_index;  // block index of each section
  for (std::size_t i = r.first_section; i < r.closing; ++i) {
    const Block& b = blocks[i];
    if (b.marker != Marker::kRoman) continue;
    const int n = read_roman(b.label, expected);
    if (n == 0) continue;
    plan.sections.push_back({roman(n), tidy(b.text), b.line});
    section_index.push_back(i);
    expected = n + 1;
  }
  auto section_end = [&](std::size_t s) {
    return s + 1 < section_index.size() ? section_index[s + 1] : r.closing;
  };

  // ---- The outline: sections, numbered items and lettered points, in order.
  {
    int item_level = 1;
    std::size_t s = 0;
    for (std::size_t i = r.first_section; i < r.closing; ++i) {
      const Block& b = blocks[i];
      int level = 0;
      std::string number = b.label;
      if (b.marker == Marker::kRoman) {
        if (s < section_index.size() && section_index[s] == i) {
          number = plan.sections[s++].number;
          level = item_level = 1;
        }
      } else if (b.marker == Marker::kNumber) {
        level = item_level = 2 + static_cast<int>(std::count(b.label.begin(), b.label.end(), '.'));
      } else if (b.marker == Marker::kLetter) {
        level = item_level + 1;
      }
      if (level == 0) continue;
      std::string title = tidy(b.text);
      if (length_in_chars(title) > 200) {
        std::size_t cut = 0;
        for (std::size_t chars = 0; cut < title.size() && chars < 200; ++chars) {
          ++cut;
          while (cut < title.size() && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80)
            ++cut;
        }
        title = title.substr(0, cut) + "…";
      }
      plan.outline.push_back({level, number, std::move(title), b.line});
    }
  }

  // ---- Topics: the numbered items of the first NỘI DUNG section, at their finest level.
  for (std::size_t s = 0; s < plan.sections.size(); ++s) {
    const std::string& title = plan.sections[s].title;
    if (!folded_contains(title, "noi dung") || folded_contains(title, "to chuc thuc hien"))
      continue;
    std::vector<const Block*> one;
    std::vector<const Block*> two;
    for (std::size_t i = section_index[s] + 1; i < section_end(s); ++i) {
      const Block& b = blocks[i];
      if (b.marker != Marker::kNumber) continue;
      const auto dots = std::count(b.label.begin(), b.label.end(), '.');
      (dots == 0 ? one : two).push_back(&b);
    }
    for (const Block* b : two.empty() ? one : two)
      plan.topics.push_back({b->label, tidy(b->text), b->line});
    break;
  }

  // ---- Assignments: TỔ CHỨC THỰC HIỆN.
  for (std::size_t s = 0; s < plan.sections.size(); ++s) {
    const std::string& title = plan.sections[s].title;
    if (!folded_contains(title, "to chuc thuc hien") &&
        !folded_contains(title, "trach nhiem thuc hien") &&
        !folded_contains(title, "phan cong thuc hien"))
      continue;
    const std::size_t begin = section_index[s] + 1;
    const std::size_t end = section_end(s);
    bool numbered = false;
    for (std::size_t i = begin; i < end; ++i) {
      const Block& b = blocks[i];
      if (b.marker == Marker::kNumber && b.label.find('.') == std::string::npos) {
        bool requested = false;
        numbered = numbered || looks_like_agency(agency_name(b.text, requested));
      }
    }
    Assignment* current = nullptr;
    std::string* open_task = nullptr;  // a task ending with ':' takes the bullets under it
    for (std::size_t i = begin; i < end; ++i) {
      const Block& b = blocks[i];
      if (is_closing_paragraph(b.text)) break;
      std::string_view heading;
      std::string_view first_task;
      if (numbered) {
        if (b.marker == Marker::kNumber && b.label.find('.') == std::string::npos) {
          heading = b.text;
          const std::size_t colon = heading.find(':');
          if (colon != std::string_view::npos) {
            first_task = trim(heading.substr(colon + 1));
            heading = heading.substr(0, colon);
          } else if (!b.one_line) {
            const std::size_t verb = task_verb_at(heading);
            if (verb != std::string_view::npos) {
              first_task = heading.substr(verb);
              heading = heading.substr(0, verb);
            }
          }
        }
      } else if (b.marker != Marker::kNumber && looks_like_agency(b.text)) {
        const std::size_t verb = task_verb_at(b.text);
        if (verb != std::string_view::npos) {
          heading = std::string_view(b.text).substr(0, verb);
          first_task = b.text;
        }
      }
      if (!heading.empty()) {
        Assignment a;
        a.agency = expand_abbreviations(agency_name(heading, a.requested), abbreviations);
        a.line = b.line;
        if (!first_task.empty())
          a.tasks.push_back({std::string(tidy(first_task)), due_of(first_task), b.line});
        plan.assignments.push_back(std::move(a));
        current = &plan.assignments.back();
        open_task = nullptr;
        continue;
      }
      if (current == nullptr) {
        if (b.marker == Marker::kNumber) continue;  // numbered items that are not agencies
        plan.assignments.push_back({});
        current = &plan.assignments.back();
        current->line = b.line;
      }
      const std::string task = tidy(b.text);
      if (task.empty()) continue;
      if (open_task != nullptr && b.marker == Marker::kBullet) {
        *open_task += "\n- " + task;
        continue;
      }
      current->tasks.push_back({task, due_of(b.text), b.line});
      open_task =
          !b.text.empty() && trim(b.text).back() == ':' ? &current->tasks.back().text : nullptr;
    }
  }
  for (Assignment& a : plan.assignments) {
    a.role = role_of(a);
    if (a.agency.empty())
      plan.notes.push_back("line " + std::to_string(a.line) + ": tasks with no agency named");
  }

  // ---- Reporting duties: "báo cáo" with a recurrence, a deadline or a channel ("qua …").
  for (std::size_t i = r.first_section; i < r.closing; ++i) {
    const Block& b = blocks[i];
    const Assignment* owner = nullptr;
    for (const Assignment& a : plan.assignments)
      if (a.line <= b.line) owner = &a;
    for (std::size_t at = find_folded(b.text, "bao cao"); at != std::string_view::npos;
         at = find_folded(b.text, "bao cao", at + 1)) {
      // The sentence around it.
      std::size_t s0 = 0;
      for (std::size_t k = at; k > 0; --k)
        if ((b.text[k - 1] == '.' && k < b.text.size() && b.text[k] == ' ') ||
            b.text[k - 1] == ';') {
          s0 = k;
          break;
        }
      std::size_t s1 = b.text.size();
      for (std::size_t k = at; k < b.text.size(); ++k)
        if ((b.text[k] == '.' &&
             (k + 1 == b.text.size() || b.text[k + 1] == ' ' || b.text[k + 1] == '/')) ||
            b.text[k] == ';') {
          s1 = k;
          break;
        }
      const std::string_view sentence = std::string_view(b.text).substr(s0, s1 - s0);
      const std::string_view after = std::string_view(b.text).substr(at, s1 - at);
      ReportingDuty d;
      d.line = b.line;
      d.due = due_of(sentence);
      d.recurrence = recurrence_of(sentence);
      if (!d.recurrence && d.due) d.recurrence = "once";
      // "(qua Sở …)" or ", qua Sở …": the word "qua" itself, not "quả" of "kết quả".
      // In parentheses the word is clear enough for OCR repair's "quá" to count.
      std::size_t q = std::string_view::npos;
      std::size_t v_at = 0;
      for (std::size_t open = after.find('('); open != std::string_view::npos;
           open = after.find('(', open + 1)) {
        const std::size_t e = match_folded(after, open + 1, "qua");
        if (e != std::string_view::npos && e < after.size() && after[e] == ' ') {
          q = open + 1;
          v_at = e;
          break;
        }
      }
      if (q == std::string_view::npos) {
        q = after.find(" qua ");
        if (q != std::string_view::npos) v_at = ++q + 3;
      }
      if (q != std::string_view::npos) {
        const bool in_paren = q > 0 && after[q - 1] == '(';
        std::string_view v = after.substr(v_at);
        if (in_paren) {
          const std::size_t close = v.find(')');
          v = v.substr(0, close);
          // "(qua đồng chí …, điện thoại: …)": the person's unit, not their phone.
          const std::size_t comma = v.find(',');
          if (comma != std::string_view::npos && starts_with_folded(trim(v), "dong chi"))
            v = v.substr(0, comma);
          d.via = via_unit(tidy(v));
        } else {
          d.via = via_unit(clause_until_boundary(trim(v)));
        }
        if (d.via->empty()) d.via.reset();
      }
      if (!d.recurrence && !d.due && !d.via) continue;
      // To whom: after "báo cáo [kết quả thực hiện] [(…)] [về|cho|lên]".
      std::string_view rest = after.substr(match_folded(after, 0, "bao cao"));
      for (;;) {
        rest = trim(rest, " ,");
        if (!rest.empty() && rest.front() == '(') {
          const std::size_t close = rest.find(')');
          if (close == std::string_view::npos) break;
          rest = rest.substr(close + 1);
          continue;
        }
        bool skipped = false;
        for (std::string_view w : {"ket qua thuc hien", "ket qua trien khai", "ket qua",
                                   "tinh hinh", "ve", "va", "cho", "len", "gui"}) {
          const std::size_t e = match_folded(rest, 0, w);
          if (e != std::string_view::npos && (e == rest.size() || !is_word_byte(rest[e]))) {
            rest = rest.substr(e);
            skipped = true;
            break;
          }
        }
        if (!skipped) break;
      }
      std::string to = clause_until_boundary(rest);
      if (!to.empty()) d.to = expand_abbreviations(to, abbreviations);
      // From whom: the subject before "báo cáo" when it names someone, else the assignment's
      // agency.
      std::string_view before = std::string_view(b.text).substr(s0, at - s0);
      before = trim(before, " ,");
      for (std::string_view v : {"tong hop", "dinh ky", "co trach nhiem"}) {
        const std::size_t vat = find_folded(before, v);
        if (vat != std::string_view::npos) before = trim(before.substr(0, vat), " ,");
      }
      // "Hằng năm, Sở X báo cáo": the clause after the last comma, unless the commas list
      // the agencies themselves ("Các sở, ban, ngành, địa phương báo cáo").
      if (const std::size_t comma = before.rfind(", "); comma != std::string_view::npos) {
        const std::string last = tidy(before.substr(comma + 2));
        if (looks_like_agency(last) || !looks_like_agency(tidy(before)))
          before = before.substr(comma + 2);
      }
      const std::string subject = tidy(before);
      const bool names_someone = !subject.empty() && looks_like_agency(subject) &&
                                 subject.find(':') == std::string::npos &&
                                 task_verb_at(subject) == std::string_view::npos;
      const bool has_owner = owner != nullptr && !owner->agency.empty() && b.line >= owner->line;
      if (has_owner && !names_someone) {
        d.from = owner->agency;
      } else if (!subject.empty()) {
        d.from = expand_abbreviations(subject, abbreviations);
      }
      if (d.via) d.via = expand_abbreviations(*d.via, abbreviations);
      plan.reporting.push_back(std::move(d));
      break;  // one duty per block
    }
  }

  // ---- Closing: signer, recipients; issuer from the signature when nothing else said.
  read_closing(lines, r.closing_line, repaired_ocr, doc);
  if (!doc.issuer && doc.signer.capacity) {
    const std::string& cap = *doc.signer.capacity;
    if (starts_with_folded(cap, "tm") && folded_contains(cap, "uy ban nhan dan")) {
      // The locality: the place most often named as "thành phố X" or "tỉnh X".
      std::map<std::string, int> counts;
      for (std::string_view w : {"thanh pho", "tinh"}) {
        for (std::size_t at = find_folded(text, w); at != std::string_view::npos;
             at = find_folded(text, w, at + 1)) {
          std::size_t i = match_folded(text, at, w);
          std::string name;
          for (int k = 0; k < 3; ++k) {
            while (i < text.size() && text[i] == ' ') ++i;
            std::size_t j = i;
            while (j < text.size() && is_word_byte(text[j])) ++j;
            const std::string_view word = text.substr(i, j - i);
            if (word.empty() || !is_upper_initial(word) || mostly_upper(word) ||
                !vi::is_valid_syllable(word))
              break;
            name += (name.empty() ? "" : " ") + std::string(word);
            i = j;
          }
          if (name.find(' ') != std::string::npos)
            ++counts[std::string(vi::fold(w) == "tinh" ? "tỉnh " : "thành phố ") + name];
        }
      }
      const auto best =
          std::max_element(counts.begin(), counts.end(),
                           [](const auto& a, const auto& b) { return a.second < b.second; });
      doc.issuer = "Ủy ban nhân dân" + (best == counts.end() ? std::string() : " " + best->first);
    }
  }
  if (!doc.type && folded_contains(text, "tren day la ke hoach")) doc.type = "KH";

  // ---- Year and period.
  if (doc.title) plan.period = period_of(*doc.title);
  if (!doc.year && plan.period) doc.year = std::atoi(plan.period->from.c_str());
  if (!doc.year) {
    int latest = 0;
    for (const CitedDocument& c : plan.references)
      if (c.date) latest = std::max(latest, std::atoi(c.date->c_str()));
    if (latest > 0) doc.year = latest;
  }

  plan.looks_like_plan = doc.type == std::optional<std::string>("KH") ||
                         !plan.assignments.empty() || plan.sections.size() >= 3;
  if (!plan.looks_like_plan)
    plan.notes.push_back(
        "this does not look like a plan: no plan heading, no sections, no assignments");
  if (plan.sections.empty()) plan.notes.push_back("no Roman-numbered sections found");
  if (!plan.sections.empty() && plan.assignments.empty())
    plan.notes.push_back("no assignments found (no TỔ CHỨC THỰC HIỆN section with agencies)");
  return plan;
}

nlohmann::ordered_json plan_to_json(const Plan& plan) {
  using J = nlohmann::ordered_json;
  auto opt = [](const std::optional<std::string>& v) { return v ? J(*v) : J(nullptr); };
  auto cited = [&](const std::vector<CitedDocument>& list) {
    J a = J::array();
    for (const auto& c : list)
      a.push_back({{"id", c.id}, {"date", opt(c.date)}, {"issuer", opt(c.issuer)}});
    return a;
  };
  auto headings = [](const std::vector<Heading>& list) {
    J a = J::array();
    for (const auto& h : list)
      a.push_back({{"number", h.number}, {"title", h.title}, {"line", h.line}});
    return a;
  };
  const PlanDocument& d = plan.document;
  J doc = {{"type", opt(d.type)},
           {"number", opt(d.number)},
           {"symbol", opt(d.symbol)},
           {"issuer", opt(d.issuer)},
           {"place", opt(d.place)},
           {"date", opt(d.date)},
           {"year", d.year ? J(*d.year) : J(nullptr)},
           {"title", opt(d.title)},
           {"signer", {{"name", opt(d.signer.name)}, {"capacity", opt(d.signer.capacity)}}},
           {"recipients", d.recipients}};
  J assignments = J::array();
  for (const auto& a : plan.assignments) {
    J tasks = J::array();
    for (const auto& t : a.tasks)
      tasks.push_back({{"text", t.text}, {"due", opt(t.due)}, {"line", t.line}});
    J parts = J::array();
    for (const auto& p : a.parts)
      parts.push_back(
          {{"agency", p.name},
           {"organisation_id", p.organisation_id ? J(*p.organisation_id) : J(nullptr)}});
    J successors = J::array();
    for (const auto& s : a.successors)
      successors.push_back(
          {{"organisation_id", s.organisation_id}, {"name", s.name}, {"scope", s.scope}});
    assignments.push_back(
        {{"agency", a.agency},
         {"organisation_id", a.organisation_id ? J(*a.organisation_id) : J(nullptr)},
         {"parts", parts},
         {"group", a.group},
         {"successors", successors},
         {"role", role_name(a.role)},
         {"requested", a.requested},
         {"line", a.line},
         {"tasks", tasks}});
  }
  J reporting = J::array();
  for (const auto& r : plan.reporting)
    reporting.push_back({{"from", opt(r.from)},
                         {"to", opt(r.to)},
                         {"via", opt(r.via)},
                         {"recurrence", opt(r.recurrence)},
                         {"due", opt(r.due)},
                         {"line", r.line}});
  J out = {
      {"document", doc},
      {"basis", cited(plan.basis)},
      {"references", cited(plan.references)},
      {"period",
       plan.period ? J{{"from", plan.period->from}, {"to", plan.period->to}} : J(nullptr)},
      {"sections", headings(plan.sections)},
      {"topics", headings(plan.topics)},
      {"outline",
       [&] {
         J a = J::array();
         for (const auto& o : plan.outline)
           a.push_back(
               {{"level", o.level}, {"number", o.number}, {"title", o.title}, {"line", o.line}});
         return a;
       }()},
      {"assignments", assignments},
      {"reporting", reporting},
      {"looks_like_plan", plan.looks_like_plan},
      {"from_ocr", plan.from_ocr},
      {"secrecy", opt(plan.secrecy)},
      {"proposed_organisations", plan.proposed_organisations},
      {"notes", plan.notes}};
  return out;
}

}  // namespace loa::doc
