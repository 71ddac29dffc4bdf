#!/usr/bin/env bash
# Convert a DOCX report to PDF (LibreOffice, headless) and to one PNG per page (pdftoppm),
# to look at how a rendered report prints. Not part of the test suite.
#
# usage: scripts/docx_to_png.sh REPORT.docx [OUT_DIR] [DPI]
#   OUT_DIR defaults to the folder of REPORT.docx; DPI defaults to 80.
#   Writes OUT_DIR/REPORT.pdf and OUT_DIR/REPORT-1.png, REPORT-2.png, …
#
# Needs (Debian/Ubuntu): libreoffice-writer-nogui fonts-noto-cjk poppler-utils
set -euo pipefail

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi

docx="$1"
out_dir="${2:-$(dirname -- "$docx")}"
dpi="${3:-80}"

missing=()
command -v libreoffice >/dev/null 2>&1 || command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if command -v fc-list >/dev/null 2>&1 && [[ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]]; then
    missing+=(fonts-noto-cjk)
fi
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "missing Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 3
fi
if [[ ! -f "$docx" ]]; then
    echo "no such file: $docx" >&2
    exit 2
fi

office="$(command -v libreoffice || command -v soffice)"
mkdir -p -- "$out_dir"
# A private LibreOffice profile, so that a running office instance does not block the conversion.
profile="$(mktemp -d)"
trap 'rm -rf -- "$profile"' EXIT
"$office" -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out_dir" "$docx" >/dev/null

base="$(basename -- "${docx%.*}")"
pdf="$out_dir/$base.pdf"
if [[ ! -f "$pdf" ]]; then
    echo "LibreOffice did not produce $pdf" >&2
    exit 1
fi
pdftoppm -r "$dpi" -png "$pdf" "$out_dir/$base"
echo "$pdf"
ls -1 "$out_dir/$base"-*.png
