#!/usr/bin/env bash
# The gate of a sharded conformance run in CI (used by examples/github-actions and examples/gitlab-ci):
# merges the shards' report.json into one set of reports, then exits on the merged verdict.
#
#   conformance-gate.sh SHARDS_DIR OUT_DIR
#
# SHARDS_DIR holds a folder per shard with `shard` (its i/n), `exit-code` (of its `run`) and, when the
# run got that far, `report.json`. INCONCLUSIVE=fail (the default) or warn: what an inconclusive
# verdict does to the gate. Exits 0 when the gate passes, 1 when it fails.
set -uo pipefail

shards=${1:?usage: conformance-gate.sh SHARDS_DIR OUT_DIR}
out=${2:?usage: conformance-gate.sh SHARDS_DIR OUT_DIR}
# `::error::` lines are GitHub annotations; elsewhere they are plain log lines.
fail() { echo "::error::$*"; failed=1; }

failed=0
reports=()
declared=()
seen=()
for dir in "$shards"/*/; do
  [ -d "$dir" ] || continue
  shard=$(cat "$dir/shard" 2>/dev/null || echo "?/?")
  code=$(cat "$dir/exit-code" 2>/dev/null || echo "none")
  declared+=("${shard#*/}")
  seen+=("${shard%/*}")
  case "$code" in
    # The shard ran: passed, failed (or interrupted), inconclusive. The merged verdict speaks for it.
    0 | 1 | 4)
      if [ -f "$dir/report.json" ]; then reports+=("$dir/report.json"); else fail "shard $shard exited $code but wrote no report.json"; fi
      ;;
    # 2 usage or profile error; 3 target unreachable, refusing the credentials, throttling the pre-flight
    # request or not serving the operation: nothing was tested, so the gate cannot pass.
    *) fail "shard $shard did not run (exit $code: 2 usage or profile error, 3 target unreachable or refusing the credentials): see its log" ;;
  esac
done

# A shard whose job never reported (its artifact is missing) would let part of the run pass unseen.
total=${declared[0]:-}
if ! [[ "$total" =~ ^[1-9][0-9]*$ ]]; then
  fail "no shard left its i/n in $shards"
  total=0
fi
for n in "${declared[@]}"; do [ "$n" = "$total" ] || fail "the shards disagree on their number: ${declared[*]}"; done
for ((i = 1; i <= total; i++)); do
  [[ " ${seen[*]} " == *" $i "* ]] || fail "shard $i/$total left nothing in $shards"
done

verdict=none
if [ ${#reports[@]} -gt 0 ]; then
  npm run --silent cli -- merge-reports "${reports[@]}" --report-dir "$out"
  verdict=$?
fi

if [ "$failed" = 1 ]; then exit 1; fi
case "$verdict" in
  0) echo "Conformance gate: passed." ;;
  4)
    # Rules the run could test got no conclusive answer (authentication, throttling, fixtures…): no
    # conformance was shown for them, so by default the gate fails; `warn` lets e.g. a nightly run
    # against a throttling cloud pass with a warning.
    if [ "${INCONCLUSIVE:-fail}" = warn ]; then
      echo "::warning::Conformance inconclusive: some rules got no conclusive answer (see summary.md); INCONCLUSIVE=warn lets the gate pass."
      exit 0
    fi
    fail "Conformance inconclusive: some rules got no conclusive answer (see summary.md); INCONCLUSIVE=warn would let the gate pass."
    ;;
  1) fail "Conformance failed (see summary.md)." ;;
  *) fail "merge-reports exited $verdict." ;;
esac
exit "$failed"
