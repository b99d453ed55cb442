#!/usr/bin/env bash
# Submits a night of a sharded job: the array of N shards, then the merge, which waits for all of them
# (--dependency=afterok: if a shard fails, the merge does not run; requeue the failed task with
# 'scontrol requeue JOBID_K', it resumes from its state, and the merge then runs).
#
#   ANALYTICS=/opt/analytics/analytics JOB=/etc/analytics/town.job.json \
#   STATES=/shared/analytics/states OUT=/shared/analytics/out SHARDS=8 ./submit.sh
#
# Prints the two Slurm job ids (the array's, then the merge's).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${SHARDS:?N, the number of shards}"
: "${ANALYTICS:?}" "${JOB:?}" "${STATES:?}" "${OUT:?}"
export ANALYTICS JOB STATES OUT SHARDS
array="$(sbatch --parsable --export=ALL --array="0-$((SHARDS - 1))" "$here/shards.sbatch")"
array="${array%%;*}"
merge="$(sbatch --parsable --export=ALL --dependency="afterok:$array" --kill-on-invalid-dep=yes "$here/merge.sbatch")"
echo "$array ${merge%%;*}"
