#!/bin/bash
# jobstats Slurm epilog (slurmd, runs as root after the job): removes the GPU ownership files that the prolog
# wrote for this job, i.e. every /run/gpustat file whose job id is SLURM_JOB_ID. Matching on content rather than
# on device names means nothing depends on the GPU numbering, and a file already rewritten for another job stays.
# Always exits 0. JOBSTATS_ROOT prefixes every absolute path (for tests).

set -u
root="${JOBSTATS_ROOT:-}"
gpustat_dir="$root/run/gpustat"

log() {
    if command -v logger >/dev/null 2>&1; then
        logger -t jobstats-epilog -- "$*" 2>/dev/null || true
    fi
    echo "jobstats-epilog: $*" >&2
}

main() {
    if ! [[ "${SLURM_JOB_ID:-}" =~ ^[0-9]+$ ]]; then
        log "SLURM_JOB_ID missing or not numeric; nothing removed"
        return 0
    fi
    [ -d "$gpustat_dir" ] || return 0
    local file job _rest
    for file in "$gpustat_dir"/*; do
        [ -f "$file" ] || continue
        job=""
        read -r job _rest <"$file" 2>/dev/null || true
        if [ "$job" = "$SLURM_JOB_ID" ]; then
            rm -f -- "$file" || log "cannot remove $file"
        fi
    done
}

main || true
exit 0
