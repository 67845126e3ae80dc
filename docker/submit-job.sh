#!/bin/sh
# The compose "job" service: submits the Asperity job (detached) to the JobManager at
# $FLINK_JOBMANAGER, with this script's arguments as the job's flags (AsperityJob --help).
# It waits for the JobManager's REST endpoint, which answers a few seconds after its container
# starts, and submits nothing if a job of that name is already running or restarting: every
# `docker compose up` runs this one-shot container again, and a second copy of the job would read
# the same topics and publish every alert twice. It resumes the job from the newest checkpoint
# retained under $CHECKPOINT_DIR (a chk-N directory holding _metadata, which Flink writes last), or
# says it found none; RESUME=false starts from empty state.
set -eu
JOBMANAGER="${FLINK_JOBMANAGER:-jobmanager:8081}"
JAR=/opt/asperity/asperity-flink-job.jar

name=asperity
previous=""
for argument in "$@"; do
  case "$previous" in --job-name) name="$argument" ;; esac
  case "$argument" in --job-name=*) name="${argument#--job-name=}" ;; esac
  previous="$argument"
done

jobs=$(mktemp)
attempt=0
until flink list -r -m "$JOBMANAGER" > "$jobs" 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "submit-job: no JobManager answers at $JOBMANAGER after 60 attempts:" >&2
    cat "$jobs" >&2
    exit 1
  fi
  sleep 2
done
if grep -q " : $name (" "$jobs"; then
  echo "submit-job: a job named $name is already running on $JOBMANAGER; not submitting another:"
  grep " : $name (" "$jobs"
  exit 0
fi
CHECKPOINTS="${CHECKPOINT_DIR:-/opt/flink/state/checkpoints}"
if [ "${RESUME:-true}" = true ]; then
  # shellcheck disable=SC2012
  newest=$(ls -t "$CHECKPOINTS"/*/chk-*/_metadata 2>/dev/null | head -n 1 || true)
  if [ -n "$newest" ]; then
    checkpoint=$(dirname "$newest")
    echo "submit-job: resuming from the retained checkpoint $checkpoint"
    exec flink run -d -m "$JOBMANAGER" -s "file://$checkpoint" "$JAR" "$@"
  fi
  echo "submit-job: no retained checkpoint in $CHECKPOINTS: the job starts from empty state"
fi
exec flink run -d -m "$JOBMANAGER" "$JAR" "$@"
