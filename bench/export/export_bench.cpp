// Official outputs (docs/BENCHMARKS.md): writing a yearly-report-sized DOCX (the header, 60
// paragraphs, 3 tables of 40 rows, 3 bar charts) and rendering it as PDF through LibreOffice
// (skipped when soffice is not installed). The PDF figure includes starting LibreOffice: one
// conversion is one process, as in the server.
//
//   build/release/bench/export_bench [--benchmark_filter=Docx]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "export/docx.h"
#include "export/pdf.h"

namespace {

using namespace loa::office;

OfficialDocument report() {
  OfficialDocument d;
  d.governing = {"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"};
  d.issuer = {"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"};
  d.number = "Số: 27/BC-SVHTTDL";
  d.place_and_date = place_and_date("Hải Phòng", "2026-12-03");
  d.type_name = "BÁO CÁO";
  d.subject = "Kết quả thực hiện Kế hoạch thông tin đối ngoại năm 2026";
  for (int section = 1; section <= 3; ++section) {
    d.body.push_back(heading(std::to_string(section) + ". Kết quả theo chủ đề"));
    for (int i = 0; i < 20; ++i)
      d.body.push_back(
          body("Các cơ quan báo chí của thành phố đã đăng tải tin, bài phản ánh kết quả "
               "thực hiện nhiệm vụ, bám sát nội dung Kế hoạch và chỉ đạo của thành phố."));
    Table t;
    t.columns = {
        {"TT", 8, true}, {"Cơ quan, đơn vị"}, {"Số tin, bài", 18, true}, {"Tỷ lệ", 12, true}};
    BarChart chart{"Tin, bài theo cơ quan báo chí", {}, {{"Số tin, bài", {}}}};
    for (int r = 1; r <= 40; ++r) {
      t.rows.push_back({std::to_string(r), "Cơ quan báo chí số " + std::to_string(r),
                        std::to_string(100 - r), "2,5%"});
      if (r <= 12) {
        chart.categories.push_back("Cơ quan " + std::to_string(r));
        chart.series[0].values.push_back(100 - r);
      }
    }
    d.body.push_back(t);
    d.body.push_back(chart);
  }
  d.recipients = {"UBND thành phố (để báo cáo)", "Lưu: VT"};
  d.signature = {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình"};
  return d;
}

void BM_WriteDocx(benchmark::State& state) {
  const OfficialDocument d = report();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto docx = write_docx(d);
    if (!docx) state.SkipWithError(docx.status().message().c_str());
    bytes = docx ? docx->size() : 0;
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_WriteDocx)->Unit(benchmark::kMillisecond);

void BM_DocxToPdf(benchmark::State& state) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    state.SkipWithError("soffice is not installed (libreoffice-writer-nogui)");
    return;
  }
  auto docx = write_docx(report());
  for (auto _ : state) {
    auto pdf = docx_to_pdf(*docx);
    if (!pdf) state.SkipWithError(pdf.status().message().c_str());
    benchmark::DoNotOptimize(pdf);
  }
}
BENCHMARK(BM_DocxToPdf)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
