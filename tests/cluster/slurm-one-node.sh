#!/usr/bin/env bash
# A real Slurm cluster of one node, started for one test: installs Debian's slurm-wlm and munge if missing, starts
# munged, slurmctld and slurmd with a generated slurm.conf (free ports, everything under one temporary folder),
# submits the sample array of samples/cluster/slurm/ and its dependent merge over samples/cluster/town.job.json,
# waits for them, and compares the merged dataset with one machine's run of the same job, file by file.
# Every daemon it started is stopped and its folder removed on exit, whatever happens.
#
#   tests/cluster/slurm-one-node.sh [SHARDS]      (default 2; extra analyse options in EXTRA_ARGS)
#
# Exit 0 when the dataset is byte for byte the one-machine dataset; otherwise 1 with the reason (and the logs).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shards="${1:-2}"
extra="${EXTRA_ARGS:---analysis-fps 1 --settle-seconds 0}"
say()  { printf 'slurm-test: %s\n' "$*"; }
fail() { printf 'slurm-test: FAILED: %s\n' "$*" >&2; exit 1; }
began=$(date +%s)

# 1. Packages (as setup.sh installs its own: apt-get, through sudo for an ordinary user).
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "slurm-wlm and munge are missing and this user cannot install them: run 'apt-get install slurm-wlm munge' as root"
    sudo="sudo"
  fi
  $sudo apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null || fail "apt-get install slurm-wlm munge failed"
fi
[ "$(id -u)" -eq 0 ] || fail "slurmd must run as root to start jobs; run this test as root (CI does)"

# 2. One folder for everything; stop what was started, whatever happens.
work="$(mktemp -d /tmp/analytics-slurm-XXXXXX)"
chmod 755 "$work"
cleanup() {
  set +e
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  sleep 1
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
  done
  if [ "${KEEP:-}" = "" ]; then rm -rf "$work"; else say "kept $work"; fi
}
trap cleanup EXIT
mkdir -p "$work/munge" "$work/ctld" "$work/spool" "$work/jobs"
chmod 755 "$work/munge"

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port found"
}
ctld_port="$(free_port)"
slurmd_port="$(free_port)"
[ "$ctld_port" != "$slurmd_port" ] || slurmd_port=$((ctld_port + 1))

# 3. munge, with a key of its own.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$work/munge/munge.key"
munged --force -S "$work/munge/munge.socket" --key-file="$work/munge/munge.key" --log-file="$work/munge/munged.log" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/munged.seed" || fail "munged did not start: $(tail -3 "$work/munge/munged.log")"

# 4. slurm.conf for one node: this host, all its cores, its memory.
node="$(hostname -s)"
cpus="$(nproc)"
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
cat >"$work/slurm.conf" <<CONF
ClusterName=analytics-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
MinJobAge=600
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start: $(tail -5 "$work/slurmctld.log" 2>/dev/null)"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start: $(tail -5 "$work/slurmd.log" 2>/dev/null)"
for _ in $(seq 1 60); do
  state="$(sinfo -h -n "$node" -o %T 2>/dev/null || true)"
  [ "$state" = "idle" ] && break
  sleep 0.5
done
[ "$state" = "idle" ] || fail "the node did not become idle (state '$state'): $(tail -5 "$work/slurmd.log" 2>/dev/null)"
say "cluster up in $(( $(date +%s) - began )) s: node $node, $cpus CPUs, $memory MiB, slurmctld port $ctld_port"

# 5. The sample array and its dependent merge, as an operator submits them.
cd "$work/jobs"
export ANALYTICS="$repo/analytics" JOB="$repo/samples/cluster/town.job.json" STATES="$work/states" OUT="$work/merged" SHARDS="$shards" EXTRA_ARGS="$extra"
read -r array merge < <("$repo/samples/cluster/slurm/submit.sh")
say "submitted shards array $array (0-$((shards - 1))) and merge $merge (afterok:$array)"
submitted=$(date +%s)
while squeue -h -j "$array,$merge" 2>/dev/null | grep -q .; do
  [ $(( $(date +%s) - submitted )) -lt 600 ] || fail "the jobs did not finish within 10 minutes: $(squeue -j "$array,$merge")"
  sleep 1
done
merge_state="$(scontrol show job "$merge" | grep -o 'JobState=[A-Z_]*' | head -1)"
say "jobs done in $(( $(date +%s) - submitted )) s; merge $merge_state"
for log in "$work"/jobs/*.log; do printf -- '--- %s\n' "$(basename "$log")"; tail -3 "$log"; done
[ "$merge_state" = "JobState=COMPLETED" ] || fail "the merge job did not complete ($merge_state)"

# 6. One machine, the same job: the merged dataset must be the same, file by file.
# shellcheck disable=SC2086
"$repo/analytics" analyse --job "$JOB" --out "$work/one" --progress off $extra >/dev/null 2>"$work/one.log" || fail "the one-machine run failed: $(tail -3 "$work/one.log")"
compared=0
for file in "$work"/one/*; do
  name="$(basename "$file")"
  case "$name" in run.json|audit.jsonl) continue ;; esac
  cmp -s "$file" "$work/merged/$name" || fail "$name differs between the merge and one machine"
  compared=$((compared + 1))
done
[ "$compared" -eq 9 ] || fail "expected 9 dataset files (four tables as CSV and Parquet, and schema.json), compared $compared"
say "merged dataset = one machine's, byte for byte ($compared files); total $(( $(date +%s) - began )) s"
