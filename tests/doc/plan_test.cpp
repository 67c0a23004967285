// The plan parser's parts: the layout of lines into blocks, citations with their OCR damage,
// and a whole plan written the way communes and special zones write them.
#include "doc/plan.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "doc/citations.h"
#include "doc/layout.h"

namespace loa::doc {
namespace {

std::vector<std::string> ids(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& c : find_citations(text)) out.push_back(c.id);
  return out;
}

TEST(CitationsTest, ReadsEveryFormOfDocumentNumber) {
  EXPECT_EQ(ids("Nghị quyết số 45-NQ/TW ngày 24/01/2019"), std::vector<std::string>{"45-NQ/TW"});
  EXPECT_EQ(ids("Luật số 35/2021/QH15 và Nghị định 09/2017/NĐ-CP"),
            (std::vector<std::string>{"35/2021/QH15", "09/2017/NĐ-CP"}));
  EXPECT_EQ(ids("Quyết định số 1511/QĐ-TTg; Công văn số 1578/BTTTT-TTĐN"),
            (std::vector<std::string>{"1511/QĐ-TTg", "1578/BTTTT-TTĐN"}));
  EXPECT_EQ(ids("Kế hoạch số 04-KH/ĐU của Đảng ủy"), std::vector<std::string>{"04-KH/ĐU"});
  // Dates, ranges and phone numbers are not document numbers.
  EXPECT_TRUE(ids("ngày 15/4/2024, giai đoạn 2021-2030, điện thoại 0914.463.645").empty());
}

TEST(CitationsTest, UndoesOcrDamageWhereThePatternIsCertain) {
  EXPECT_EQ(ids("Nghị quyết số 91/NQ-HPND ngày 06/12/2024"),
            std::vector<std::string>{"91/NQ-HĐND"});
  EXPECT_EQ(ids("Kết luận số 71- KI/TW"), std::vector<std::string>{"71-KL/TW"});
  EXPECT_EQ(ids("Nghị quyết số 1232/NQUBTVQH15"), std::vector<std::string>{"1232/NQ-UBTVQH15"});
  EXPECT_EQ(ids("Quyết định số 284/QD -UBND"), std::vector<std::string>{"284/QĐ-UBND"});
  EXPECT_EQ(ids("Nghị quyết số 03 NQ/TU ngày 26/10/2021"), std::vector<std::string>{"03-NQ/TU"});
  EXPECT_EQ(ids("Nghị quyết số 09-NQ/PH của Đại hội"), std::vector<std::string>{"09-NQ/ĐH"});
  EXPECT_EQ(ids("Nghị quyết số 03 NQ/TƯ"), std::vector<std::string>{"03-NQ/TU"});
  // Codes it does not know stay as written.
  EXPECT_EQ(ids("Văn bản số 12/UBND-VHXH"), std::vector<std::string>{"12/UBND-VHXH"});
}

TEST(CitationsTest, KeepsTheDateAndIssuerThatFollow) {
  const auto c = find_citations(
      "Kết luận số 57-KL/TW ngày 15 tháng 6 năm 2023 của Bộ Chính trị về tiếp tục; Quyết định "
      "số 1511/QĐ-TTg ngày 4/12/2024 của Thủ tướng Chính phủ, và Kế hoạch số 62/KH-UBND");
  ASSERT_EQ(c.size(), 3U);
  EXPECT_EQ(c[0].date, "2023-06-15");
  EXPECT_EQ(c[0].issuer, "Bộ Chính trị");
  EXPECT_EQ(c[1].date, "2024-12-04");
  EXPECT_EQ(c[1].issuer, "Thủ tướng Chính phủ");
  EXPECT_FALSE(c[2].date);
  EXPECT_FALSE(c[2].issuer);
  EXPECT_EQ(read_date("ngày 24/ 10/2024"), "2024-10-24");
  EXPECT_FALSE(read_date("ngày 31/13/2024"));
}

TEST(LayoutTest, JoinsWrappedLinesAndSplitsAtMarkersAndSentenceEnds) {
  // Text printed at a width, as OCR gives it: most lines reach the width.
  const std::string text =
      "I. MỤC ĐÍCH, YÊU CẦU\n"
      "1. Mục đích\n"
      "- Kịp thời thông tin, tuyên truyền về tình hình kinh tế - xã hội của thành phố Hải\n"
      "Phòng, trong đó tập trung vào những kết quả đạt được, đóng góp của thành phố vào\n"
      "những thành tựu chung của đất nước; qua đó, xây dựng hình ảnh thành phố Hải Phòng\n"
      "\n"
      "năng động, sáng tạo và phát triển bền vững trong giai đoạn mới của đất nước ta.\n"
      "- trách nhiệm chung của các cơ quan, đơn vị, địa phương trên địa bàn thành phố.\n"
      "a) Chủ trì, phối hợp.\n"
      "¢) Phối hợp với các sở.\n"
      "8 Thanh tra, kiểm tra.\n"
      "7\n"
      "## **2.1. Tuyên truyền về chuyển đổi số**\n";
  const auto blocks = layout_blocks(text);
  ASSERT_EQ(blocks.size(), 7U);
  EXPECT_EQ(blocks[0].marker, Marker::kRoman);
  EXPECT_EQ(blocks[0].label, "I");
  EXPECT_TRUE(blocks[0].upper);
  EXPECT_EQ(blocks[1].marker, Marker::kNumber);
  EXPECT_EQ(blocks[1].label, "1");
  EXPECT_EQ(blocks[2].marker, Marker::kBullet);
  // The wrapped lines (one starting with a capital), the blank line before a lower-case
  // start, and the stray dash before a lower-case line all continue the bullet.
  EXPECT_EQ(blocks[2].text,
            "Kịp thời thông tin, tuyên truyền về tình hình kinh tế - xã hội của thành phố Hải "
            "Phòng, trong đó tập trung vào những kết quả đạt được, đóng góp của thành phố vào "
            "những thành tựu chung của đất nước; qua đó, xây dựng hình ảnh thành phố Hải Phòng "
            "năng động, sáng tạo và phát triển bền vững trong giai đoạn mới của đất nước ta. "
            "trách nhiệm chung của các cơ quan, đơn vị, địa phương trên địa bàn thành phố.");
  EXPECT_EQ(blocks[3].label, "a");
  EXPECT_EQ(blocks[4].label, "c");                    // OCR's "¢)"
  EXPECT_EQ(blocks[5].text, "Thanh tra, kiểm tra.");  // a lost marker; the page number is gone
  EXPECT_EQ(blocks[6].label, "2.1");
  EXPECT_EQ(blocks[6].text, "Tuyên truyền về chuyển đổi số");
}

TEST(LayoutTest, TextWithALinePerParagraphHasNoWrappedLines) {
  // A DOCX or Markdown plan: a short line ending without a stop is still a block of its own.
  const auto blocks = layout_blocks(
      "KẾ HOẠCH\nTriển khai công tác thông tin đối ngoại năm 2025\n"
      "Căn cứ Kế hoạch số 358-KH/TU ngày 09/5/2024 của Ban Thường vụ Thành ủy;\n"
      "Ủy ban nhân dân đặc khu ban hành Kế hoạch như sau:\n");
  ASSERT_EQ(blocks.size(), 4U);
  EXPECT_EQ(blocks[1].text, "Triển khai công tác thông tin đối ngoại năm 2025");
}

// A special zone's plan after the 2025 reform, as such plans are written.
constexpr const char* kPlan = R"(ỦY BAN NHÂN DÂN
ĐẶC KHU CÁT HẢI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 62/KH-UBND
Cát Hải, ngày 17 tháng 9 năm 2025

KẾ HOẠCH
Triển khai công tác thông tin đối ngoại 3 tháng cuối năm 2025

Căn cứ Kế hoạch số 358-KH/TU ngày 09/5/2024 của Ban Thường vụ Thành ủy;
Thực hiện Công văn số 1578/BTTTT-TTĐN ngày 25/4/2024 của Bộ Thông tin và Truyền thông;
Ủy ban nhân dân đặc khu Cát Hải ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả công tác thông tin đối ngoại theo Nghị quyết số 45-NQ/TW.

II. NỘI DUNG
1. Tuyên truyền về tiềm năng du lịch biển đảo
- Quảng bá hình ảnh Cát Bà.
2. Tuyên truyền về chủ quyền biển, đảo
- Thông tin về chủ quyền.

III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội
a) Chủ trì, phối hợp với các cơ quan liên quan tổ chức tuyên truyền.
b) Phối hợp với Trung tâm Văn hóa tổ chức các sự kiện.
2. Văn phòng HĐND và UBND đặc khu: phối hợp cung cấp thông tin, báo cáo kết quả thực hiện về Ủy ban nhân dân đặc khu trước ngày 10/12/2025.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam đặc khu
- Phối hợp tuyên truyền trong đoàn viên, hội viên.
Trên đây là Kế hoạch triển khai công tác thông tin đối ngoại của đặc khu.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
)";

TEST(PlanTest, ReadsASpecialZonePlan) {
  const Plan p = parse_plan(kPlan);
  const PlanDocument& d = p.document;
  EXPECT_EQ(d.type, "KH");
  EXPECT_EQ(d.number, "62");
  EXPECT_EQ(d.symbol, "KH-UBND");
  EXPECT_EQ(d.issuer, "Ủy ban nhân dân đặc khu Cát Hải");
  EXPECT_EQ(d.place, "Cát Hải");
  EXPECT_EQ(d.date, "2025-09-17");
  EXPECT_EQ(d.year, 2025);
  EXPECT_EQ(d.title, "Triển khai công tác thông tin đối ngoại 3 tháng cuối năm 2025");
  EXPECT_EQ(d.signer.name, "Nguyễn Văn An");
  EXPECT_EQ(d.signer.capacity, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH");
  EXPECT_EQ(d.recipients, (std::vector<std::string>{"Như trên", "Lưu: VT"}));
  ASSERT_TRUE(p.period);
  EXPECT_EQ(p.period->from, "2025-10-01");
  EXPECT_EQ(p.period->to, "2025-12-31");

  ASSERT_EQ(p.basis.size(), 2U);
  EXPECT_EQ(p.basis[0].id, "358-KH/TU");
  EXPECT_EQ(p.basis[0].date, "2024-05-09");
  EXPECT_EQ(p.basis[0].issuer, "Ban Thường vụ Thành ủy");
  EXPECT_EQ(p.basis[1].id, "1578/BTTTT-TTĐN");
  ASSERT_EQ(p.references.size(), 3U);
  EXPECT_EQ(p.references[2].id, "45-NQ/TW");

  ASSERT_EQ(p.sections.size(), 3U);
  EXPECT_EQ(p.sections[2].number, "III");
  EXPECT_EQ(p.sections[2].title, "TỔ CHỨC THỰC HIỆN");
  // The tree: sections, items, lettered points (bullets are content, not headings).
  ASSERT_EQ(p.outline.size(), 10U);
  EXPECT_EQ(p.outline[3].level, 2);
  EXPECT_EQ(p.outline[3].number, "2");
  EXPECT_EQ(p.outline[4].number, "III");
  EXPECT_EQ(p.outline[6].level, 3);
  EXPECT_EQ(p.outline[6].number, "a");
  ASSERT_EQ(p.topics.size(), 2U);
  EXPECT_EQ(p.topics[1].title, "Tuyên truyền về chủ quyền biển, đảo");

  ASSERT_EQ(p.assignments.size(), 3U);
  EXPECT_EQ(p.assignments[0].agency, "Phòng Văn hóa - Xã hội");
  EXPECT_EQ(p.assignments[0].role, Role::kLead);
  EXPECT_EQ(p.assignments[0].tasks.size(), 2U);
  EXPECT_EQ(p.assignments[1].agency, "Văn phòng HĐND và UBND đặc khu");
  EXPECT_EQ(p.assignments[1].role, Role::kCooperate);
  ASSERT_EQ(p.assignments[1].tasks.size(), 1U);
  EXPECT_EQ(p.assignments[1].tasks[0].due, "2025-12-10");
  EXPECT_EQ(p.assignments[2].agency, "Ủy ban Mặt trận Tổ quốc Việt Nam đặc khu");
  EXPECT_TRUE(p.assignments[2].requested);
  EXPECT_EQ(p.assignments[2].tasks.size(), 1U);  // the closing words are not a task

  ASSERT_EQ(p.reporting.size(), 1U);
  EXPECT_EQ(p.reporting[0].from, "Văn phòng HĐND và UBND đặc khu");
  EXPECT_EQ(p.reporting[0].to, "Ủy ban nhân dân đặc khu");
  EXPECT_EQ(p.reporting[0].recurrence, "once");
  EXPECT_EQ(p.reporting[0].due, "2025-12-10");
  EXPECT_TRUE(p.looks_like_plan);
  EXPECT_FALSE(p.secrecy);
}

// A Party committee's plan: "Số" without a colon, "T/M" without a dot, the subject line in
// lower case after the type name, the Party's own document numbers.
constexpr const char* kPartyPlan = R"(ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG
ĐẢNG ỦY ĐẶC KHU CÁT HẢI
*
Số 04-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Cát Hải, ngày 05 tháng 8 năm 2025

KẾ HOẠCH
thực hiện công tác thông tin đối ngoại năm 2025 trên địa bàn đặc khu

Thực hiện Kế hoạch số 358-KH/TU, ngày 09/5/2024 của Ban Thường vụ Thành ủy về thực hiện Kết luận số 57-KL/TW, ngày 15/6/2023 của Bộ Chính trị, Ban Thường vụ Đảng ủy đặc khu xây dựng Kế hoạch thực hiện như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, đảng viên về công tác thông tin đối ngoại.
2. Bảo đảm sự lãnh đạo thống nhất của Đảng ủy.

II. NHIỆM VỤ, GIẢI PHÁP
1. Tuyên truyền về tiềm năng du lịch biển, đảo Cát Bà.
2. Đấu tranh phản bác thông tin sai trái trên không gian mạng.

III. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo và Dân vận Đảng ủy
- Chủ trì, tham mưu Ban Thường vụ Đảng ủy triển khai Kế hoạch.
- Theo dõi, đôn đốc, tổng hợp, báo cáo Ban Thường vụ Đảng ủy kết quả thực hiện định kỳ 6 tháng, năm (trước ngày 15/6 và 15/12).
2. Đảng ủy Ủy ban nhân dân đặc khu
- Lãnh đạo Ủy ban nhân dân đặc khu xây dựng kế hoạch thực hiện.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam đặc khu
- Phối hợp tuyên truyền trong đoàn viên, hội viên và Nhân dân.
4. Các chi bộ trực thuộc
- Quán triệt, triển khai Kế hoạch đến cán bộ, đảng viên.

Nơi nhận:
- Ban Thường vụ Thành ủy (để b/c),
- Ban Tuyên giáo và Dân vận Thành ủy,
- Các chi bộ trực thuộc,
- Lưu Văn phòng Đảng ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ

Nguyễn Văn Bình
)";

TEST(PlanTest, ReadsAPartyCommitteePlan) {
  const Plan p = parse_plan(kPartyPlan);
  const PlanDocument& d = p.document;
  EXPECT_EQ(d.type, "KH");
  EXPECT_EQ(d.number, "04");
  EXPECT_EQ(d.symbol, "KH/ĐU");
  EXPECT_EQ(d.issuer, "Đảng ủy đặc khu Cát Hải");
  EXPECT_EQ(d.date, "2025-08-05");
  EXPECT_EQ(d.title, "Thực hiện công tác thông tin đối ngoại năm 2025 trên địa bàn đặc khu");
  EXPECT_EQ(d.signer.name, "Nguyễn Văn Bình");
  EXPECT_EQ(d.signer.capacity, "T/M BAN THƯỜNG VỤ / BÍ THƯ");
  EXPECT_EQ(d.recipients.back(), "Lưu Văn phòng Đảng ủy");
  ASSERT_EQ(p.basis.size(), 2U);  // its own number is not a citation
  EXPECT_EQ(p.basis[0].id, "358-KH/TU");
  EXPECT_EQ(p.basis[1].id, "57-KL/TW");
  ASSERT_EQ(p.assignments.size(), 4U);
  EXPECT_EQ(p.assignments[0].role, Role::kLead);
  EXPECT_EQ(p.assignments[0].tasks.size(), 2U);
  EXPECT_TRUE(p.assignments[2].requested);
  EXPECT_EQ(p.assignments[2].role, Role::kCooperate);
  EXPECT_EQ(p.assignments[3].role, Role::kImplement);
  ASSERT_EQ(p.reporting.size(), 1U);
  EXPECT_EQ(p.reporting[0].to, "Ban Thường vụ Đảng ủy");
  EXPECT_EQ(p.reporting[0].recurrence, "half_yearly");
  EXPECT_EQ(p.reporting[0].due, "06-15");
}

// An OCR'd plan whose header was lost: the issuer is who "ban hành" the plan in the preamble,
// not a cited document whose first word OCR repair misread as an agency's ("Công an" for
// "Công văn"), although that document's sentence also holds "ban hành".
TEST(PlanTest, ACitedDocumentIsNotTheIssuer) {
  const Plan p = parse_plan(R"(KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ

Căn cứ Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ; Công an số 1578/BTTTT-TTDN ngày 25/4/2024 của Bộ Thông tin và Truyền thông về việc hướng dẫn triển khai Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ ban hành Chương trình hành động của Chính phủ;

Ủy ban nhân dân thành phố Hải Phòng ban hành Kế hoạch triển khai thực hiện, cụ thể như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao hiệu quả công tác thông tin đối ngoại.
)");
  EXPECT_EQ(p.document.issuer, "Ủy ban nhân dân thành phố Hải Phòng");
}

TEST(PlanTest, JsonHasTheDocumentedShape) {
  const auto j = plan_to_json(parse_plan(kPlan));
  for (const char* k : {"document", "basis", "references", "period", "sections", "topics",
                        "assignments", "reporting", "looks_like_plan", "secrecy", "notes"})
    EXPECT_TRUE(j.contains(k)) << k;
  for (const char* k : {"type", "number", "symbol", "issuer", "place", "date", "year", "title",
                        "signer", "recipients"})
    EXPECT_TRUE(j["document"].contains(k)) << k;
  EXPECT_EQ(j["assignments"][0]["role"], "lead");
  EXPECT_TRUE(j["assignments"][0]["organisation_id"].is_null());
  EXPECT_EQ(j["reporting"][0]["due"], "2025-12-10");
  EXPECT_EQ(j["period"]["from"], "2025-10-01");
}

TEST(PlanTest, YearlyReportingDutyWithAChannel) {
  const Plan p = parse_plan(
      "III. TỔ CHỨC THỰC HIỆN\n"
      "1. Các sở, ban, ngành thành phố\n"
      "a) Xây dựng kế hoạch triển khai và định kỳ hằng năm báo cáo kết quả thực hiện (trước "
      "ngày 10/12) về Ủy ban nhân dân thành phố (qua Sở Văn hóa, Thể thao và Du lịch).\n");
  ASSERT_EQ(p.reporting.size(), 1U);
  EXPECT_EQ(p.reporting[0].from, "Các sở, ban, ngành thành phố");
  EXPECT_EQ(p.reporting[0].to, "Ủy ban nhân dân thành phố");
  EXPECT_EQ(p.reporting[0].via, "Sở Văn hóa, Thể thao và Du lịch");
  EXPECT_EQ(p.reporting[0].recurrence, "yearly");
  EXPECT_EQ(p.reporting[0].due, "12-10");
  EXPECT_EQ(p.assignments[0].role, Role::kImplement);  // a group of agencies
}

TEST(PlanTest, SaysSoWhenTheTextIsNotAPlan) {
  const Plan p = parse_plan(
      "Sáng 12/3, tại Hải Phòng, Thủ tướng đã dự lễ khởi công cầu Nguyễn Trãi. Dự án có tổng "
      "mức đầu tư 1.000 tỷ đồng.\nTheo kế hoạch, cây cầu sẽ hoàn thành vào năm 2027.\n");
  EXPECT_FALSE(p.looks_like_plan);
  EXPECT_FALSE(p.notes.empty());
  EXPECT_TRUE(p.assignments.empty());
}

TEST(PlanTest, NoticesSecrecyMarks) {
  EXPECT_EQ(parse_plan(std::string("MẬT\n") + kPlan).secrecy, "MẬT");
  EXPECT_EQ(parse_plan(std::string("TỐI MẬT\n") + kPlan).secrecy, "TỐI MẬT");
  // "mật" inside a sentence is not a mark.
  EXPECT_FALSE(parse_plan("Bảo vệ bí mật nhà nước.\n").secrecy);
}

TEST(PlanTest, OddInputDoesNotBreakIt) {
  EXPECT_FALSE(parse_plan("").looks_like_plan);
  EXPECT_FALSE(parse_plan("\n\n\n").looks_like_plan);
  const std::string long_line(200000, 'a');
  EXPECT_NO_THROW(parse_plan(long_line));
  EXPECT_NO_THROW(parse_plan("I.\nII.\n1.\na)\n- \nNơi nhận:\nTM.\n"));
}

}  // namespace
}  // namespace loa::doc
