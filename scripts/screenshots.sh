#!/usr/bin/env bash
# Redraws the pictures under docs/ that the README shows: the HTML report,
# the chart alone, page 1 of the report printed to PDF, and the team page,
# all from the test fixtures. The pages they are drawn from are kept beside
# them (docs/report.html, docs/chart.svg, docs/team.html), and the test
# `cli_reports::the_screenshots_in_docs_are_current` fails when the binary
# no longer prints those pages: then run this script and commit docs/.
#
# Needs Chromium and poppler-utils (`apt-get install -y chromium poppler-utils`).
# Usage: scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --quiet
rungs=$PWD/target/debug/rungs
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export RUNGS_HOME=$home

fixture=tests/fixtures/report-profile.toml
"$rungs" export --profile "$fixture" --format html -o docs/report.html 2>/dev/null
"$rungs" export --profile "$fixture" --format svg -o docs/chart.svg 2>/dev/null
"$rungs" team --format html "$fixture" tests/fixtures/mixed-profile.toml >docs/team.html 2>/dev/null

shoot() { # PAGE FLAG=OUT WIDTH,HEIGHT
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --no-pdf-header-footer --user-data-dir="$home/browser" \
    --window-size="$3" "$2" "file://$PWD/$1" >/dev/null 2>&1
}
shoot docs/report.html --screenshot="$PWD/docs/report.png" 1000,1300
shoot docs/chart.svg --screenshot="$PWD/docs/chart.png" 760,480
shoot docs/team.html --screenshot="$PWD/docs/team.png" 1400,600
shoot docs/report.html --print-to-pdf="$home/report.pdf" 1000,1300
pdftoppm -f 1 -l 1 -r 60 -png -singlefile "$home/report.pdf" docs/print-page-1
echo "docs/: report.png chart.png team.png print-page-1.png ($(pdfinfo "$home/report.pdf" | awk '/^Pages:/ {print $2}') pages printed)"
