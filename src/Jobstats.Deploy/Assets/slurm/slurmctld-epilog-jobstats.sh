#!/bin/bash
# EpilogSlurmctld for jobstats: queues the ended job for the summary service, which stores its efficiency summary.
# Rendered by jobstatsctl. slurmctld runs this as SlurmUser and without SLURM_CONF, so the path is set here;
# it always exits 0, because a failing EpilogSlurmctld only produces noise in slurmctld's log.
SLURM_CONF={{slurm_conf}}
export SLURM_CONF
# slurmctld gives this script no PATH; logger and timeout come from the system.
PATH=/cm/shared/apps/slurm/current/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}
export PATH
jobstats_bin={{jobstats_bin}}
store_timeout={{store_timeout_seconds}}

job=${SLURM_JOB_ID:-}
log() { logger -t "jobstats-epilog[${job:-?}]" -- "$*" 2>/dev/null || true; }

case "$job" in
  '' | *[!0-9]*)
    log "no valid SLURM_JOB_ID ('${job:0:40}'); nothing to queue"
    exit 0
    ;;
esac
if [ ! -x "$jobstats_bin" ]; then
  log "$jobstats_bin is missing; job not queued (the summary service's backfill will find it)"
  exit 0
fi

# Only the job is recorded here: one small file in the summary spool, synced. The summary service on this host stores
# the summary once slurmdbd has recorded the job's end, in batches, retrying through outages; its backfill catches a
# job whose entry could not be written.
if output=$(timeout --kill-after=5 "$store_timeout" "$jobstats_bin" queue --syslog "$job" 2>&1); then
  :
else
  status=$?
  if [ "$status" -eq 124 ]; then
    log "jobstats-summaries queue did not finish within ${store_timeout}s"
  else
    log "jobstats-summaries queue failed (exit $status): ${output:0:400}"
  fi
fi
exit 0
