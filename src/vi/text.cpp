// Normal form, folding and legacy-encoding detection. Hot paths decode UTF-8 by hand and
// use the letter table of syllable.cpp; utf8proc handles everything outside Vietnamese.
#include "vi/text.h"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <vector>

#include "vi/syllable.h"
#include "vi/tokenizer.h"
#include "vi/utf8.h"

namespace loa::vi {

namespace {
struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

// Runs utf8proc_map with `options` into `out`; false on error.
bool map(std::string_view text, int options, std::string& out) {
  utf8proc_uint8_t* raw = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &raw,
                                    static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(raw);
  if (n < 0) return false;
  out.assign(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n));
  return true;
}

// Code points that NFC leaves alone, whatever precedes or follows them, and that Vietnamese
// text is made of: everything below the combining marks, the precomposed Vietnamese block,
// and general punctuation and currency signs (but U+2000 and U+2001, which NFC replaces).
bool nfc_stable(char32_t cp) {
  return cp < 0x300 || (cp >= 0x1EA0 && cp <= 0x1EF9) || (cp >= 0x2002 && cp <= 0x20CF);
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0x00A0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_removed(char32_t cp) {
  return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) ||
         (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
}

// The ASCII replacement of a typographic character, or 0.
char typographic(char32_t cp) {
  switch (cp) {
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
    case 0xFF02:
      return '"';
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0xFF07:
      return '\'';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      return '-';
    default:
      return 0;
  }
}

void trim_trailing_spaces(std::string& out) {
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

bool is_word_byte(unsigned char c) {
  return c >= 0x80 || static_cast<unsigned>((c | 0x20) - 'a') < 26;
}

// Whether the tone of a letter may sit on the wrong vowel: a toned vowel without a quality
// mark (hoà, thuý) or a toned ư (mừơi). Words without such a letter are always right.
bool may_need_retoning(char32_t cp) {
  const Letter l = split_letter(cp);
  return l.tone != Tone::kLevel && (!has_quality_mark(l.base) || l.base == U'ư');
}

// `word` (a run of letters) with its tone on the conventional vowel appended to `out`;
// false, and nothing appended, when it is already there.
bool retone(std::string_view word, std::string& out) {
  if (word.size() > 24) return false;
  std::array<char32_t, 24> buf;  // NOLINT(cppcoreguidelines-pro-type-member-init): filled below
  std::size_t n = 0, vowels = 0, toned_at = 0, last_vowel = 0, marked_after_tone = 0;
  bool toned = false, coda = false, toned_marked = false;
  for (std::size_t k = 0; k < word.size() && n < buf.size();) {
    const utf8::Decoded d = utf8::decode(word, k);
    const Letter l = split_letter(d.cp);
    if (is_vowel_base(l.base)) {
      ++vowels;
      last_vowel = n;
      if (toned && has_quality_mark(l.base)) ++marked_after_tone;
    } else if (vowels > 0) {
      coda = true;
    }
    if (l.tone != Tone::kLevel) {
      toned = true;
      toned_at = n;
      toned_marked = has_quality_mark(l.base);
    }
    buf[n++] = d.cp;
    k += d.length;
  }
  // Most words are already right, and cheaply seen to be: the tone on a vowel with a quality
  // mark and no such vowel after it (người), or on the last vowel before a final consonant
  // (hoạch). Only the others are parsed.
  const bool settled = (toned_marked && marked_after_tone == 0) || (coda && toned_at == last_vowel);
  if (!toned || vowels < 2 || settled) return false;
  const std::u32string placed = place_tone(std::u32string_view(buf.data(), n));
  if (placed == std::u32string_view(buf.data(), n)) return false;
  for (char32_t cp : placed) utf8::append(out, cp);
  return true;
}

// Moves tone marks to their conventional vowel in the words of `text` that hold one of
// `positions` (byte offsets of letters for which may_need_retoning() holds, ascending).
std::string place_tones(std::string text, const std::vector<std::size_t>& positions) {
  std::string out;          // built only once a word changes
  std::size_t copied = 0;   // bytes of `text` already in `out`
  std::size_t checked = 0;  // end of the last word looked at
  for (std::size_t at : positions) {
    if (at < checked) continue;
    std::size_t start = at;
    while (start > checked && is_word_byte(static_cast<unsigned char>(text[start - 1]))) --start;
    std::size_t end = at;
    while (end < text.size() && is_word_byte(static_cast<unsigned char>(text[end]))) ++end;
    checked = end;
    std::string fixed;
    if (retone(std::string_view(text).substr(start, end - start), fixed)) {
      out.append(text, copied, start - copied);
      out += fixed;
      copied = end;
    }
  }
  if (copied == 0) return text;  // nothing moved: the common case, no copy
  out.append(text, copied);
  return out;
}

// Calls visit(offset, decoded) for each code point of `text` outside ASCII (malformed ones as
// utf8::kInvalid), skipping ASCII bytes cheaply, until visit returns false; false then.
template <typename Visit>
bool each_non_ascii(std::string_view text, Visit visit) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(text, i);
    if (!visit(i, d)) return false;
    i += d.length;
  }
  return true;
}

// Every letter of `text` for which may_need_retoning() holds: for words just composed to NFC.
std::vector<std::size_t> every_retoning_candidate(std::string_view text) {
  std::vector<std::size_t> positions;
  each_non_ascii(text, [&](std::size_t at, utf8::Decoded d) {
    if (may_need_retoning(d.cp)) positions.push_back(at);
    return true;
  });
  return positions;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  std::optional<std::size_t> bad;
  each_non_ascii(text, [&](std::size_t at, utf8::Decoded d) {
    if (d.cp == utf8::kInvalid) bad = at;
    return !bad;
  });
  return bad;
}

bool is_valid_utf8(std::string_view text) { return !first_invalid_utf8(text).has_value(); }

Result<std::string> to_nfc(std::string_view text) {
  // Most text is NFC already and made of code points NFC never changes: one scan proves it
  // (utf8proc decomposes and recomposes everything, many times slower).
  bool stable = true;
  const bool valid = each_non_ascii(text, [&](std::size_t, utf8::Decoded d) {
    stable = stable && nfc_stable(d.cp);
    return d.cp != utf8::kInvalid;
  });
  if (!valid) return invalid_argument("text is not valid UTF-8");
  if (stable) return std::string(text);
  std::string out;
  if (!map(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out)) {
    return invalid_argument("text is not valid UTF-8");
  }
  return out;
}

Result<std::string> normalize(std::string_view text) {
  // Most of a text stays as it is: unchanged spans are copied into `out` only when something
  // must change after them (text[pending, i) is unchanged and not yet copied), so the common
  // case is a few large copies rather than one per word.
  std::string out;
  out.reserve(text.size());
  std::vector<std::size_t> unstable;   // offsets in `out` of code points NFC may change
  std::vector<std::size_t> retone_at;  // … of letters whose tone may be misplaced
  std::size_t pending = 0;
  char last = '\n';  // the output's last byte so far; a space after it is dropped
  std::size_t line = 1;
  const auto copy_until = [&](std::size_t at) { out.append(text.data() + pending, at - pending); };
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b > ' ' && b < 0x7F) {  // the common case: a run of printable ASCII, kept
      ++i;
      while (i < text.size() && static_cast<unsigned char>(text[i]) > ' ' &&
             static_cast<unsigned char>(text[i]) < 0x7F) {
        ++i;
      }
      last = text[i - 1];
      continue;
    }
    utf8::Decoded d{b, 1};
    if (b >= 0x80) {
      d = utf8::decode(text, i);
      if (d.cp == utf8::kInvalid) {
        return invalid_argument("text is not valid UTF-8: malformed byte 0x" +
                                std::string(1, "0123456789ABCDEF"[b >> 4]) +
                                std::string(1, "0123456789ABCDEF"[b & 15]) + " at line " +
                                std::to_string(line) + ", byte offset " + std::to_string(i));
      }
    }
    const char32_t cp = d.cp;
    const std::size_t at = i;  // where the code point starts
    i += d.length;
    const std::size_t out_at = out.size() + (at - pending);  // its offset in the output
    // Letters of Latin scripts and precomposed Vietnamese: kept as they are.
    if ((cp >= 0xC0 && cp < 0x250 && cp != 0xD0 && cp != 0xF0 && cp != 0xD7 && cp != 0xF7) ||
        (cp >= 0x1EA0 && cp <= 0x1EF9)) {
      if (may_need_retoning(cp)) retone_at.push_back(out_at);
      last = text[i - 1];
      continue;
    }
    if (cp == '\n' && last != ' ') {  // a line break with nothing to trim before it
      last = '\n';
      ++line;
      continue;
    }
    if (cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == '\n') {
      if (cp == '\r' && i < text.size() && text[i] == '\n') ++i;
      copy_until(at);
      trim_trailing_spaces(out);
      out.push_back('\n');
      pending = i;
      last = '\n';
      ++line;
      continue;
    }
    if (is_space(cp)) {
      const bool wanted = last != ' ' && last != '\n';
      if (cp == ' ' && wanted) {  // a single plain space: kept
        last = ' ';
        continue;
      }
      copy_until(at);
      if (wanted) {
        out.push_back(' ');
        last = ' ';
      }
      pending = i;
      continue;
    }
    if (is_removed(cp)) {
      copy_until(at);
      pending = i;
      continue;
    }
    if (char t = typographic(cp)) {
      copy_until(at);
      out.push_back(t);
      pending = i;
      last = t;
      continue;
    }
    if (cp == 0x00D0 || cp == 0x00F0) {
      copy_until(at);
      utf8::append(out, cp == 0x00D0 ? U'Đ' : U'đ');
      pending = i;
      last = out.back();
      continue;
    }
    if (cp >= 0x80 && !nfc_stable(cp)) unstable.push_back(out_at);
    last = text[i - 1];
  }
  copy_until(text.size());
  trim_trailing_spaces(out);
  if (!unstable.empty()) {
    // Compose only the words (between spaces) that need it: utf8proc is far slower than
    // the scan above, and most text is already NFC. Tone candidates outside those words
    // move by what composing changed before them; inside, they are found again.
    std::string composed, run;
    composed.reserve(out.size());
    std::vector<std::size_t> moved;
    moved.reserve(retone_at.size());
    auto candidate = retone_at.begin();
    std::size_t copied = 0;
    const auto copy_span = [&](std::size_t end) {  // out[copied, end) unchanged
      for (; candidate != retone_at.end() && *candidate < end; ++candidate)
        if (*candidate >= copied) moved.push_back(composed.size() + (*candidate - copied));
      composed.append(out, copied, end - copied);
    };
    for (std::size_t at : unstable) {
      if (at < copied) continue;  // in a word already composed
      std::size_t start = out.find_last_of(" \n", at);
      start = start == std::string::npos ? 0 : start + 1;
      start = std::max(start, copied);
      std::size_t end = out.find_first_of(" \n", at);
      if (end == std::string::npos) end = out.size();
      copy_span(start);
      if (!map(std::string_view(out).substr(start, end - start), UTF8PROC_STABLE | UTF8PROC_COMPOSE,
               run)) {
        return invalid_argument("text could not be normalised to NFC");
      }
      for (std::size_t k : every_retoning_candidate(run)) moved.push_back(composed.size() + k);
      composed.append(run);
      copied = end;
    }
    copy_span(out.size());
    out = std::move(composed);
    retone_at = std::move(moved);
  }
  return place_tones(std::move(out), retone_at);
}

void fold_append(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(text, i);
    i += d.length;
    if (d.cp == utf8::kInvalid) continue;
    const Letter l = split_letter(d.cp);
    if (l.base != d.cp || l.upper || unmarked(l.base) != l.base) {  // a Vietnamese letter
      utf8::append(out, unmarked(l.base));
      continue;
    }
    // Outside Vietnamese: decompose, strip marks, case-fold one code point with utf8proc.
    std::string one, folded;
    utf8::append(one, d.cp);
    if (map(one, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
            folded)) {
      out += folded;
    }
  }
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  fold_append(text, out);
  return out;
}

std::string upper(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    i += d.length;
    if (d.cp == utf8::kInvalid) continue;
    utf8::append(out, static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(d.cp))));
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(text, i);
    i += d.length;
    if (d.cp == utf8::kInvalid) continue;
    const Letter l = split_letter(d.cp);
    if (l.upper) {
      utf8::append(out, lower_letter(d.cp));
    } else if (l.base != d.cp || unmarked(l.base) != l.base) {  // lower-case Vietnamese
      utf8::append(out, d.cp);
    } else {
      utf8::append(out,
                   static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(d.cp))));
    }
  }
  return out;
}

LegacyEncoding detect_legacy_encoding(std::string_view text) {
  // Characters that never occur in Vietnamese Unicode text but carry its most frequent
  // letters in each legacy encoding read as Windows-1252: TCVN3 writes à á ả ã ạ ă â ê ô ơ đ
  // as µ ¸ ¶ · ¹ ¨ © ª « ¬ ®; VNI writes a vowel's marks as a byte after it: ø ï ä ö (hoøa,
  // hoäi). Both use ñ, Ö and others too, which are therefore not counted.
  //
  // They are counted by stretch of text (a line, or 200 words of a longer one), and a stretch
  // counts as legacy text only where it reads like it: at least two of them, in at least one
  // word of 20 (a third of Vietnamese words hold one of those letters), and more of them than
  // letters no legacy text read as Windows-1252 can hold (ơ, ư, đ, ạ … U+1EA0–U+1EF9, combining
  // marks). So "FSC®-COC" or "Samsung®" in a Unicode text, or a few stray signs in a long
  // accent-free one, are not legacy text; a TCVN3 paragraph pasted into a Unicode one is.
  const auto letter_at = [&](std::size_t k) {
    return k < text.size() &&
           static_cast<unsigned>((static_cast<unsigned char>(text[k]) | 0x20) - 'a') < 26;
  };
  const auto vowel_at = [&](std::size_t k) {
    return k < text.size() &&
           std::string_view("aeiouyAEIOUY").find(text[k]) != std::string_view::npos;
  };
  const auto unicode_only = [](char32_t cp) {
    switch (cp) {
      case 0x102:  // Ă ă
      case 0x103:
      case 0x110:  // Đ đ
      case 0x111:
      case 0x128:  // Ĩ ĩ
      case 0x129:
      case 0x168:  // Ũ ũ
      case 0x169:
      case 0x1A0:  // Ơ ơ
      case 0x1A1:
      case 0x1AF:  // Ư ư
      case 0x1B0:
        return true;
      default:
        return (cp >= 0x1EA0 && cp <= 0x1EF9) || (cp >= 0x300 && cp <= 0x323);
    }
  };
  constexpr std::size_t kStretchWords = 200;
  std::size_t tcvn3 = 0, vni = 0;  // in the stretches that read as legacy text
  std::size_t s_tcvn3 = 0, s_vni = 0, s_unicode = 0, s_words = 0;
  const auto close_stretch = [&] {
    const auto legacy = [&](std::size_t marks) {
      return marks >= 2 && marks * 20 >= s_words && marks > s_unicode;
    };
    if (legacy(s_tcvn3)) tcvn3 += s_tcvn3;
    if (legacy(s_vni)) vni += s_vni;
    s_tcvn3 = s_vni = s_unicode = s_words = 0;
  };
  bool in_space = true;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    // Only inside a word, so that « », ® or a middle dot used as themselves do not count.
    const bool after_letter = i > 0 && letter_at(i - 1);
    const bool in_word = after_letter || letter_at(i + d.length);
    const bool after_vowel = i > 0 && vowel_at(i - 1);
    i += d.length;
    const bool space = d.cp == ' ' || d.cp == '\t' || d.cp == '\r' || d.cp == '\n';
    if (!space && in_space) ++s_words;
    in_space = space;
    if (d.cp == '\n' || s_words > kStretchWords) close_stretch();
    switch (d.cp) {
      case 0xB5:
      case 0xB8:
      case 0xB6:
      case 0xB7:
      case 0xB9:
      case 0xA8:
      case 0xA9:
      case 0xAA:
      case 0xAB:
      case 0xAC:
      case 0xAE:
        s_tcvn3 += in_word ? 1 : 0;
        break;
      case 0xF8:
      case 0xEF:
      case 0xE4:
      case 0xF6:
        s_vni += after_vowel ? 1 : 0;
        break;
      default:
        s_unicode += unicode_only(d.cp) ? 1 : 0;
        break;
    }
  }
  close_stretch();
  if (tcvn3 >= 2 && tcvn3 > vni) return LegacyEncoding::kTcvn3;
  if (vni >= 2 && vni > tcvn3) return LegacyEncoding::kVni;
  return LegacyEncoding::kNone;
}

std::string_view legacy_encoding_name(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kTcvn3:
      return "TCVN3 (ABC)";
    case LegacyEncoding::kVni:
      return "VNI";
    case LegacyEncoding::kNone:
      break;
  }
  return "none";
}

std::string clean_ocr_artifacts(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char32_t previous = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto d = utf8::decode(text, i);
    const std::size_t next_at = i + d.length;
    const char32_t next = next_at < text.size() ? utf8::decode(text, next_at).cp : 0;
    char32_t cp = d.cp;
    switch (cp) {
      case '\'':
      case U'’':
      case U'‘':
      case '`':
        if (is_letter(previous) && is_letter(next)) cp = 0;
        break;
      case U'¢':
        cp = is_letter(previous) ? U'e' : U'c';
        break;
      case U'¥':
        cp = U'y';
        break;
      case U'§':
        cp = U'o';
        break;
      default:
        break;
    }
    if (cp == d.cp) {
      out.append(text.substr(i, d.length));
    } else if (cp != 0) {
      utf8::append(out, cp);
    }
    if (cp != 0) previous = cp;
    i = next_at;
  }
  return out;
}

std::string capitalize(std::string_view text) {
  if (text.empty()) return {};
  const utf8::Decoded d = utf8::decode(text, 0);
  const Letter l = split_letter(d.cp);
  char32_t upper = d.cp;
  if (l.base == U'đ')
    upper = U'Đ';
  else if (is_vowel_base(l.base))
    upper = compose_letter(l.base, l.tone, true);
  else if (d.cp >= 'a' && d.cp <= 'z')
    upper = d.cp - 32;
  std::string out;
  utf8::append(out, upper);
  out.append(text.substr(d.length));
  return out;
}

}  // namespace loa::vi
