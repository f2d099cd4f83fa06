#!/bin/bash
# EpilogSlurmctld for jobstats: stores a finished job's efficiency summary in its AdminComment.
# Rendered by jobstatsctl. slurmctld runs this as SlurmUser and without SLURM_CONF, so the path is set here;
# it always exits 0, because a failing EpilogSlurmctld only produces noise in slurmctld's log.
SLURM_CONF={{slurm_conf}}
export SLURM_CONF
# slurmctld gives this script no PATH, and `jobstats store` runs sacct and sacctmgr by name: BCM keeps them in shared
# storage, Debian's packages in /usr/bin.
PATH=/cm/shared/apps/slurm/current/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}
export PATH
jobstats_bin={{jobstats_bin}}
store_timeout={{store_timeout_seconds}}
dbd_settle_seconds=5

job=${SLURM_JOB_ID:-}
log() { logger -t "jobstats-epilog[${job:-?}]" -- "$*" 2>/dev/null || true; }

case "$job" in
  '' | *[!0-9]*)
    log "no valid SLURM_JOB_ID ('${job:0:40}'); nothing to store"
    exit 0
    ;;
esac
if [ ! -x "$jobstats_bin" ]; then
  log "$jobstats_bin is missing; summary not stored"
  exit 0
fi

# slurmdbd records the end of the job asynchronously; querying at once can miss it.
sleep "$dbd_settle_seconds"

if output=$(timeout --kill-after=5 "$store_timeout" "$jobstats_bin" store --syslog "$job" 2>&1); then
  log "summary stored"
else
  status=$?
  if [ "$status" -eq 124 ]; then
    log "jobstats store did not finish within ${store_timeout}s"
  else
    log "jobstats store failed (exit $status): ${output:0:400}"
  fi
fi
exit 0
