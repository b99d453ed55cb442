#!/usr/bin/env bash
# Renders the Indexed Job of the shards and the merge Job for N shards and an image, on standard output:
#
#   SHARDS=8 IMAGE=registry.example.org/analytics:1.0 ./render.sh shards | kubectl apply -f -
#   SHARDS=8 IMAGE=registry.example.org/analytics:1.0 ./render.sh merge  | kubectl apply -f -
#
# N appears in the Job three times (completions, parallelism, ANALYTICS_SHARD_COUNT) and in the merge's --states:
# rendering from one number keeps them equal.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${SHARDS:?N, the number of shards}" "${IMAGE:?the image, e.g. registry.example.org/analytics:1.0}"
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || { echo "render.sh: SHARDS must be a positive whole number, not '$SHARDS'" >&2; exit 2; }
case "${1:-}" in
  shards) template="$here/shards-job.yaml" ;;
  merge)  template="$here/merge-job.yaml" ;;
  *) echo "usage: render.sh shards|merge" >&2; exit 2 ;;
esac
states=""
for ((k = 0; k < SHARDS; k++)); do states+="            - /states/shard-$k"$'\n'; done
text="$(<"$template")"
text="${text//'${SHARDS}'/$SHARDS}"
text="${text//'${IMAGE}'/$IMAGE}"
text="${text//'${STATE_ARGS}'/${states%$'\n'}}"
printf '%s\n' "$text"
