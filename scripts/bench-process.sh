#!/usr/bin/env bash
# The whole-process rows of BENCHMARKS.md: `rungs export` on the large
# profile (its ~9 MB framework a user framework under RUNGS_HOME), `rungs
# team` over 1,000 profiles, their peak memory, and process start to first
# frame. Needs hyperfine (`apt-get install -y hyperfine`) and GNU time.
#
# Usage: scripts/bench-process.sh [DATA_DIR]   (default: target/bench-data)
set -euo pipefail
cd "$(dirname "$0")/.."

data=${1:-target/bench-data}
cargo build --release --locked --quiet
cargo run --release --locked --quiet -p rungs-devtools --example testgen -- "$data"
rungs=$PWD/target/release/rungs
# An embedded profile alone, and beside the 9 MB framework installed but
# unused (issue 24): a command's cost follows the framework it uses.
mkdir -p "$data/embedded-alone" "$data/embedded-beside-large/frameworks"
first=$(ls "$data/team" | head -1)
cp "$data/team/$first" "$data/embedded-alone/profile.toml"
cp "$data/team/$first" "$data/embedded-beside-large/profile.toml"
cp "$data"/large-home/frameworks/*.toml "$data/embedded-beside-large/frameworks/"

echo "== wall time (hyperfine: median is printed per command)"
hyperfine --warmup 3 --runs 20 --style basic --export-json "$data/hyperfine.json" \
  -n "export/large (4,000 ratings, 9 MB framework)" "RUNGS_HOME=$data/large-home $rungs export" \
  -n "export/large-10x" "RUNGS_HOME=$data/large-home-10x $rungs export" \
  -n "export/large-1x" "RUNGS_HOME=$data/large-home-1x $rungs export" \
  -n "team/1000 profiles" "RUNGS_HOME=$data/large-home-1x $rungs team $data/team" \
  -n "export/embedded, 9 MB framework installed" "RUNGS_HOME=$data/embedded-beside-large $rungs export" \
  -n "export/embedded alone" "RUNGS_HOME=$data/embedded-alone $rungs export" \
  -n "team/1000, 9 MB framework installed" "RUNGS_HOME=$data/large-home $rungs team $data/team" \
  -n "team/10000 profiles" "RUNGS_HOME=$data/large-home-1x $rungs team $data/team-10k" \
  -n "team/10000 reviewed profiles" "RUNGS_HOME=$data/large-home-1x $rungs team $data/team-10k-reviewed" \
  --output=null
# hyperfine prints means; the medians the targets are stated in:
python3 - "$data/hyperfine.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"median {r['median']*1000:8.1f} ms  {r['command']}")
PY

echo "== peak memory (GNU time: maximum resident set size)"
peak_mb() { echo $(( $(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1) / 1024 )); }
echo "peak $(RUNGS_HOME=$data/large-home peak_mb "$rungs" export) MB  export/large"
echo "peak $(RUNGS_HOME=$data/large-home-1x peak_mb "$rungs" team "$data/team") MB  team/1000 profiles"
echo "peak $(RUNGS_HOME=$data/embedded-beside-large peak_mb "$rungs" export) MB  export/embedded, 9 MB framework installed"
echo "peak $(RUNGS_HOME=$data/large-home peak_mb "$rungs" team "$data/team") MB  team/1000, 9 MB framework installed"
echo "peak $(RUNGS_HOME=$data/large-home-1x peak_mb "$rungs" team "$data/team-10k") MB  team/10000 profiles"
echo "peak $(RUNGS_HOME=$data/large-home-1x peak_mb "$rungs" team "$data/team-10k-reviewed") MB  team/10000 reviewed profiles"

echo "== process start to first frame (real pseudo-terminal)"
cargo bench --locked --quiet --bench first_frame
