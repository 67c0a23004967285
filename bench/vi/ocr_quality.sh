#!/usr/bin/env bash
# OCR quality on pages rendered from clean text: plan 002 of the shared corpus (Markdown marks
# taken out) is set in DejaVu Serif 12 pt at 300 dpi, 45 lines a page, with pango-view, read
# back by tesseract's Vietnamese model through `loa`'s OCR code, and compared with the text.
#   bench/vi/ocr_quality.sh [BUILD_DIR]          (default build/release)
# Environment: LOA_CORPUS (default ../shared/corpus), DPI (default 300; lower is harder),
# MODEL (default BUILD_DIR/src/loa-vi.lm).
set -euo pipefail
BUILD=${1:-build/release}
CORPUS=${LOA_CORPUS:-../shared/corpus}
command -v pango-view >/dev/null || { echo "ocr_quality: pango-view missing (scripts/setup)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e 's/[#*]//g' -e 's/^ *//' "$CORPUS"/plans/002_*.txt | cat -s > "$work/truth.txt"
split -l 45 -d "$work/truth.txt" "$work/page-"
for page in "$work"/page-*; do
  pango-view --no-display --font="DejaVu Serif 12" --dpi="${DPI:-300}" --width=450 --wrap=word \
    --margin=60 -o "$page.png" "$page"
done
OMP_THREAD_LIMIT=1 "$BUILD/bench/vi_ocr_quality" --model "${MODEL:-$BUILD/src/loa-vi.lm}" "$work/truth.txt" \
  "$work"/page-*.png
