#!/bin/bash
# jobstats Slurm prolog (slurmd, runs as root before the job): records which job holds which GPU so that
# jobstats-exporter can label GPU metrics with jobid/userid. Writes "<jobid> <uid>" to /run/gpustat/<name> for
#   - the GPU's UUID (GPU-... or, for a MIG instance, MIG-...): exact, what the exporter looks up first;
#   - the GPU's NVML index: the exporter's fallback.
# Slurm numbers GPUs by device minor number (gres.conf File=/dev/nvidiaN), which need not equal the NVML index
# (PCI order). Each minor number is therefore translated through /proc/driver/nvidia/gpus/*/information.
# Always exits 0: a failing prolog would drain the node (and under BCM stop the remaining prolog scripts).
# JOBSTATS_ROOT prefixes every absolute path (tests use a fake /proc and /run).

set -u
root="${JOBSTATS_ROOT:-}"
gpustat_dir="$root/run/gpustat"
nvidia_gpus="$root/proc/driver/nvidia/gpus"

log() {
    if command -v logger >/dev/null 2>&1; then
        logger -t jobstats-prolog -- "$*" 2>/dev/null || true
    fi
    echo "jobstats-prolog: $*" >&2
}

# write_owner NAME: atomically writes the ownership line to gpustat_dir/NAME.
write_owner() {
    local name=$1 tmp
    tmp=$(mktemp "$gpustat_dir/.tmp.XXXXXX") || { log "cannot create a file in $gpustat_dir"; return 0; }
    if printf '%s %s\n' "$SLURM_JOB_ID" "$SLURM_JOB_UID" >"$tmp" && chmod 644 "$tmp" && mv -f "$tmp" "$gpustat_dir/$name"; then
        return 0
    fi
    rm -f "$tmp"
    log "cannot write $gpustat_dir/$name"
}

# gpu_by_minor MINOR: prints "<nvml-index> <uuid>" for the GPU with that device minor number, if the driver knows it.
# NVML enumerates GPUs in PCI bus order, which is the sorted order of the /proc/driver/nvidia/gpus/<bus-id> names.
gpu_by_minor() {
    local wanted=$1 index=0 info minor uuid
    for info in "$nvidia_gpus"/*/information; do
        [ -r "$info" ] || continue
        minor=$(sed -n 's/^Device Minor:[[:space:]]*\([0-9][0-9]*\)[[:space:]]*$/\1/p' "$info")
        uuid=$(sed -n 's/^GPU UUID:[[:space:]]*\(GPU-[0-9A-Za-z-]*\)[[:space:]]*$/\1/p' "$info")
        if [ "$minor" = "$wanted" ] && [ -n "$uuid" ]; then
            echo "$index $uuid"
            return 0
        fi
        index=$((index + 1))
    done
    return 1
}

main() {
    if ! [[ "${SLURM_JOB_ID:-}" =~ ^[0-9]+$ && "${SLURM_JOB_UID:-}" =~ ^[0-9]+$ ]]; then
        log "SLURM_JOB_ID/SLURM_JOB_UID missing or not numeric; nothing recorded"
        return 0
    fi
    # Slurm exports the allocated GPUs' ids in the prolog as SLURM_JOB_GPUS (older releases: GPU_DEVICE_ORDINAL,
    # CUDA_VISIBLE_DEVICES); with MIG and AutoDetect=nvml the ids may be MIG-/GPU- UUIDs.
    local ids="${SLURM_JOB_GPUS:-${GPU_DEVICE_ORDINAL:-${CUDA_VISIBLE_DEVICES:-}}}"
    [ -n "$ids" ] || return 0
    if ! { mkdir -p "$gpustat_dir" && chmod 755 "$gpustat_dir"; }; then
        log "cannot create $gpustat_dir"
        return 0
    fi

    local id found index uuid
    local -a list
    IFS=',' read -r -a list <<<"$ids"
    for id in "${list[@]}"; do
        if [[ "$id" =~ ^(GPU|MIG)-[0-9A-Za-z-]+$ ]]; then
            write_owner "$id"
        elif [[ "$id" =~ ^[0-9]+$ ]]; then
            if found=$(gpu_by_minor "$id"); then
                index=${found%% *}
                uuid=${found#* }
                write_owner "$uuid"
                write_owner "$index"
            else
                # No driver information (driver not loaded?): fall back to the id as NVML index, as upstream does.
                log "no /proc/driver/nvidia entry for GPU minor $id; recording it as NVML index $id"
                write_owner "$id"
            fi
        else
            log "ignoring GPU id '$id' (neither a number nor a GPU-/MIG- UUID)"
        fi
    done
}

main || true
exit 0
