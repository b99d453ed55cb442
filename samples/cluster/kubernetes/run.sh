#!/usr/bin/env bash
# One night of a sharded job on Kubernetes: the job file as a ConfigMap, the shards' Indexed Job, then, once it has
# completed, the merge Job. Kubernetes has no dependency between Jobs: this script is the dependency (a CronJob
# running it, or an Argo/Tekton step, does the same).
#
#   SHARDS=8 IMAGE=registry.example.org/analytics:1.0 JOB=town.job.json ./run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${SHARDS:?}" "${IMAGE:?}" "${JOB:?the job file, whose inputs are under /archive}"
kubectl create configmap analytics-job --from-file=job.json="$JOB" --dry-run=client -o yaml | kubectl apply -f -
kubectl delete job analytics-shards analytics-merge --ignore-not-found
"$here/render.sh" shards | kubectl apply -f -
kubectl wait --for=condition=complete job/analytics-shards --timeout=12h
"$here/render.sh" merge | kubectl apply -f -
kubectl wait --for=condition=complete job/analytics-merge --timeout=1h
