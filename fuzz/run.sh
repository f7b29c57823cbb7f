#!/usr/bin/env bash
# Runs one fuzz target with its format's dictionary, from its kept seeds.
#   fuzz/run.sh TARGET [SECONDS]      (from the top folder; needs nightly and cargo-fuzz)
# New inputs go to fuzz/corpus/TARGET (not committed); a crash goes to
# fuzz/artifacts/TARGET. Keep a finding, minimised (`cargo +nightly fuzz tmin`),
# in tests/fuzz-regressions/, named as that folder's MANIFEST says.
set -euo pipefail
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
case $target in
  import_snowflake) dict=js seeds=import-snowflake ;;
  import_ft) dict=yaml seeds=import-ft ;;
  import_monzo) dict=yaml seeds=import-monzo ;;
  import_csv) dict=csv seeds=import-csv ;;
  import) dict=md seeds=import ;;
  framework) dict=toml seeds=framework ;;
  profile) dict=toml seeds=profile ;;
  keys) dict= seeds=keys ;;
  *) echo "no such target: $target" >&2; exit 2 ;;
esac
mkdir -p "fuzz/corpus/$target"
args=(-max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1)
if [[ -n $dict ]]; then args+=(-dict="fuzz/dict/$dict.dict"); fi
exec cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "tests/fuzz-regressions/$seeds" -- "${args[@]}"
