/*
 * A stand-in for libnvidia-ml.so.1 with NVML's C ABI for exactly the entry points jobstats-exporter calls.
 * Built by the tests with gcc. Configured by the file named in FAKE_NVML_CONFIG, or else by "<this library's path>.conf"
 * (so tests in one process can load differently configured copies), one directive per line:
 *   init_error CODE                          nvmlInit_v2 returns CODE (e.g. 9 = DRIVER_NOT_LOADED)
 *   gpu MINOR UUID MEMTOTAL MEMUSED UTIL POWER_MW TEMP FLAGS NAME...
 *       FLAGS: "-" or a comma list of: lost (every query returns GPU_IS_LOST), nopower, notemp, noutil (NOT_SUPPORTED),
 *       mig (MIG mode enabled; instances come from "mig" lines), gpm (GPM supported: Hopper-like)
 *   mig GPU_INDEX SLOT GI_ID UUID MEMTOTAL MEMUSED NAME...
 *   gpm_util UUID PERCENT                    GPM graphics utilisation of a GPU or MIG instance (default: UTIL)
 * Lines that name a UUID come after the gpu/mig line of that device. Families a device is given no value for are
 * NOT_SUPPORTED on it (a passively cooled GPU has no fan, ECC may be off, GPM computes only some metrics):
 *   fan UUID PERCENT                         nvmlDeviceGetFanSpeed
 *   clocks UUID GRAPHICS SM MEM VIDEO        nvmlDeviceGetClockInfo, MHz per nvmlClockType_t ("-": NOT_SUPPORTED)
 *   clock_reasons UUID MASK                  nvmlDeviceGetCurrentClocksEventReasons (and its old ...ThrottleReasons name)
 *   ecc UUID CORR_VOL CORR_AGG UNCORR_VOL UNCORR_AGG   nvmlDeviceGetTotalEccErrors per error and counter type
 *   gpm_metric UUID METRIC_ID VALUE          any other GPM metric (nvmlGpmMetricId_t): the value between two samples
 *   gpm_metric_error UUID METRIC_ID CODE     that metric's nvmlReturn in nvmlGpmMetricsGet
 *   fail UUID CALL CODE                      CALL returns CODE for that device; CALL is one of memory, util, power,
 *                                            temp, fan, clock, clock_reasons, ecc, gpm_sample
 * MIG device handles answer only memory, name, UUID and GPU instance id (every other call here is NOT_SUPPORTED on
 * them); as nvml.h documents, a GPU in MIG mode reports no volatile ECC counts through its own handle.
 * Behaviour follows nvml.h: calls before nvmlInit return UNINITIALIZED, NULL outputs INVALID_ARGUMENT, short
 * buffers INSUFFICIENT_SIZE, MIG queries on a non-MIG GPU NOT_SUPPORTED, an empty MIG slot NOT_FOUND.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef FAKE_NVML_REAL_HEADER
/* Built against NVIDIA's nvml.h: any disagreement between our definitions and NVML's prototypes is an error. */
#include <nvml.h>
#else
typedef int nvmlReturn_t;
enum {
    NVML_SUCCESS = 0, NVML_ERROR_UNINITIALIZED = 1, NVML_ERROR_INVALID_ARGUMENT = 2, NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_NOT_FOUND = 6, NVML_ERROR_INSUFFICIENT_SIZE = 7, NVML_ERROR_DRIVER_NOT_LOADED = 9,
    NVML_ERROR_GPU_IS_LOST = 15, NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25, NVML_ERROR_UNKNOWN = 999
};
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct nvmlDevice_st *nvmlDevice_t;
typedef struct nvmlGpmSample_st *nvmlGpmSample_t;
typedef enum { NVML_TEMPERATURE_GPU = 0 } nvmlTemperatureSensors_t;
typedef enum { NVML_CLOCK_GRAPHICS = 0, NVML_CLOCK_SM = 1, NVML_CLOCK_MEM = 2, NVML_CLOCK_VIDEO = 3, NVML_CLOCK_COUNT } nvmlClockType_t;
typedef enum { NVML_MEMORY_ERROR_TYPE_CORRECTED = 0, NVML_MEMORY_ERROR_TYPE_UNCORRECTED = 1, NVML_MEMORY_ERROR_TYPE_COUNT } nvmlMemoryErrorType_t;
typedef enum { NVML_VOLATILE_ECC = 0, NVML_AGGREGATE_ECC = 1, NVML_ECC_COUNTER_TYPE_COUNT } nvmlEccCounterType_t;
#define NVML_GPM_METRIC_GRAPHICS_UTIL 1
#define NVML_GPM_METRIC_MAX 98
typedef struct { unsigned int version; unsigned int isSupportedDevice; } nvmlGpmSupport_t;
typedef struct {
    unsigned int metricId;
    nvmlReturn_t nvmlReturn;
    double value;
    struct { char *shortName; char *longName; char *unit; } metricInfo;
} nvmlGpmMetric_t;
typedef struct {
    unsigned int version;
    unsigned int numMetrics;
    nvmlGpmSample_t sample1;
    nvmlGpmSample_t sample2;
    nvmlGpmMetric_t metrics[NVML_GPM_METRIC_MAX];
} nvmlGpmMetricsGet_t;
#endif

#define MAX_GPUS 16
#define MAX_SLOTS 7
#define CLOCK_TYPES 4
enum { CALL_MEMORY, CALL_UTIL, CALL_POWER, CALL_TEMP, CALL_FAN, CALL_CLOCK, CALL_CLOCK_REASONS, CALL_ECC, CALL_GPM_SAMPLE, CALLS };
static const char *const call_names[CALLS] = { "memory", "util", "power", "temp", "fan", "clock", "clock_reasons", "ecc", "gpm_sample" };
struct nvmlDevice_st {
    int is_mig, present, lost, nopower, notemp, noutil, mig_mode, gpm;
    nvmlReturn_t fail[CALLS];      /* forced on a call, NVML_SUCCESS = none */
    int has_fan, has_clock[CLOCK_TYPES], has_reasons, has_ecc;
    unsigned int fan, clock[CLOCK_TYPES];
    unsigned long long reasons, ecc[2][2];  /* ecc[error type][counter type] */
    int has_metric[NVML_GPM_METRIC_MAX];
    nvmlReturn_t metric_error[NVML_GPM_METRIC_MAX];
    double metric[NVML_GPM_METRIC_MAX];
    double gpm_util;               /* percent busy reported by GPM */
    unsigned long long gpm_clock;  /* fake elapsed time and busy time, advanced by each sample */
    double gpm_busy;
    unsigned int minor, util, power, temp, gi_id;
    unsigned long long memtotal, memused;
    char uuid[96], name[96];
    struct nvmlDevice_st *parent;
    struct nvmlDevice_st *slots[MAX_SLOTS];
};
struct nvmlGpmSample_st { unsigned int magic; const struct nvmlDevice_st *device; unsigned long long clock; double busy; };
#define SAMPLE_MAGIC 0x47504d53u

static struct nvmlDevice_st gpus[MAX_GPUS];
static struct nvmlDevice_st migs[MAX_GPUS][MAX_SLOTS];
static unsigned int gpu_count;
static int init_error;
static int init_refs;

static void rest_of_line(char *dest, size_t size, const char *line, int skip_words) {
    const char *p = line;
    for (int i = 0; i < skip_words && *p; i++) {
        while (*p && *p != ' ') p++;
        while (*p == ' ') p++;
    }
    snprintf(dest, size, "%s", p);
    dest[strcspn(dest, "\n")] = 0;
}

static struct nvmlDevice_st *find_device(const char *uuid) {
    for (unsigned int i = 0; i < MAX_GPUS; i++) {
        if (gpus[i].present && strcmp(gpus[i].uuid, uuid) == 0) return &gpus[i];
        for (int s = 0; s < MAX_SLOTS; s++) if (migs[i][s].present && strcmp(migs[i][s].uuid, uuid) == 0) return &migs[i][s];
    }
    return NULL;
}

static void load_device_line(const char *line) {
    char directive[32], uuid[96], rest[256];
    struct nvmlDevice_st *d;
    if (sscanf(line, "%31s %95s %255[^\n]", directive, uuid, rest) != 3 || !(d = find_device(uuid))) return;
    if (strcmp(directive, "fan") == 0) {
        d->has_fan = sscanf(rest, "%u", &d->fan) == 1;
    } else if (strcmp(directive, "clocks") == 0) {
        char value[CLOCK_TYPES][32];
        if (sscanf(rest, "%31s %31s %31s %31s", value[0], value[1], value[2], value[3]) != CLOCK_TYPES) return;
        for (int t = 0; t < CLOCK_TYPES; t++) d->has_clock[t] = sscanf(value[t], "%u", &d->clock[t]) == 1;
    } else if (strcmp(directive, "clock_reasons") == 0) {
        char *end;
        d->reasons = strtoull(rest, &end, 0);
        d->has_reasons = end != rest;
    } else if (strcmp(directive, "ecc") == 0) {
        d->has_ecc = sscanf(rest, "%llu %llu %llu %llu", &d->ecc[0][0], &d->ecc[0][1], &d->ecc[1][0], &d->ecc[1][1]) == 4;
    } else if (strcmp(directive, "gpm_metric") == 0) {
        unsigned int id;
        double value;
        if (sscanf(rest, "%u %lf", &id, &value) != 2 || id >= NVML_GPM_METRIC_MAX) return;
        d->has_metric[id] = 1;
        d->metric[id] = value;
    } else if (strcmp(directive, "gpm_metric_error") == 0) {
        unsigned int id;
        int code;
        if (sscanf(rest, "%u %d", &id, &code) != 2 || id >= NVML_GPM_METRIC_MAX) return;
        d->metric_error[id] = (nvmlReturn_t)code;
    } else if (strcmp(directive, "fail") == 0) {
        char call[32];
        int code;
        if (sscanf(rest, "%31s %d", call, &code) != 2) return;
        for (int c = 0; c < CALLS; c++) if (strcmp(call, call_names[c]) == 0) d->fail[c] = (nvmlReturn_t)code;
    }
}

static void load_config(void) {
    memset(gpus, 0, sizeof gpus);
    memset(migs, 0, sizeof migs);
    gpu_count = 0;
    init_error = 0;
    const char *path = getenv("FAKE_NVML_CONFIG");
    char sidecar[4096];
    Dl_info self;
    if (!path && dladdr((void *)&load_config, &self) && self.dli_fname) {
        snprintf(sidecar, sizeof sidecar, "%s.conf", self.dli_fname);
        path = sidecar;
    }
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "init_error ", 11) == 0) {
            init_error = atoi(line + 11);
        } else if (strncmp(line, "gpu ", 4) == 0 && gpu_count < MAX_GPUS) {
            struct nvmlDevice_st *d = &gpus[gpu_count];
            char flags[128];
            if (sscanf(line + 4, "%u %95s %llu %llu %u %u %u %127s", &d->minor, d->uuid, &d->memtotal, &d->memused,
                       &d->util, &d->power, &d->temp, flags) != 8) continue;
            rest_of_line(d->name, sizeof d->name, line, 9);
            d->present = 1;
            d->lost = strstr(flags, "lost") != NULL;
            d->nopower = strstr(flags, "nopower") != NULL;
            d->notemp = strstr(flags, "notemp") != NULL;
            d->noutil = strstr(flags, "noutil") != NULL;
            d->mig_mode = strstr(flags, "mig") != NULL;
            d->gpm = strstr(flags, "gpm") != NULL;
            d->gpm_util = d->util;
            gpu_count++;
        } else if (strncmp(line, "mig ", 4) == 0) {
            unsigned int gpu, slot, gi;
            char uuid[96];
            unsigned long long total, used;
            if (sscanf(line + 4, "%u %u %u %95s %llu %llu", &gpu, &slot, &gi, uuid, &total, &used) != 6) continue;
            if (gpu >= MAX_GPUS || slot >= MAX_SLOTS) continue;
            struct nvmlDevice_st *m = &migs[gpu][slot];
            m->present = 1; m->is_mig = 1; m->gi_id = gi; m->memtotal = total; m->memused = used;
            m->parent = &gpus[gpu]; m->minor = gpus[gpu].minor;
            snprintf(m->uuid, sizeof m->uuid, "%s", uuid);
            rest_of_line(m->name, sizeof m->name, line, 7);
            gpus[gpu].slots[slot] = m;
        } else if (strncmp(line, "gpm_util ", 9) == 0) {
            char uuid[96];
            double util;
            if (sscanf(line + 9, "%95s %lf", uuid, &util) != 2) continue;
            for (unsigned int i = 0; i < MAX_GPUS; i++) {
                if (strcmp(gpus[i].uuid, uuid) == 0) gpus[i].gpm_util = util;
                for (int s = 0; s < MAX_SLOTS; s++) if (strcmp(migs[i][s].uuid, uuid) == 0) migs[i][s].gpm_util = util;
            }
        } else {
            load_device_line(line);
        }
    }
    fclose(f);
}

static int valid_device(nvmlDevice_t d) {
    if (!d) return 0;
    for (unsigned int i = 0; i < MAX_GPUS; i++) {
        if (d == &gpus[i]) return i < gpu_count;
        for (int s = 0; s < MAX_SLOTS; s++) if (d == &migs[i][s]) return d->present;
    }
    return 0;
}

/* Common checks for a device query; returns NVML_SUCCESS when the query may proceed. */
static nvmlReturn_t check(nvmlDevice_t d, const void *out) {
    if (init_refs == 0) return NVML_ERROR_UNINITIALIZED;
    if (!valid_device(d) || !out) return NVML_ERROR_INVALID_ARGUMENT;
    if (d->lost || (d->is_mig && d->parent->lost)) return NVML_ERROR_GPU_IS_LOST;
    return NVML_SUCCESS;
}

/* check() plus the failure the configuration forces on this call of this device. */
static nvmlReturn_t check_call(nvmlDevice_t d, const void *out, int call) {
    nvmlReturn_t r = check(d, out);
    if (r) return r;
    return d->fail[call];
}

static nvmlReturn_t copy_string(char *buffer, unsigned int length, const char *value) {
    if (strlen(value) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    memcpy(buffer, value, strlen(value) + 1);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlInit_v2(void) {
    if (init_refs == 0) load_config();
    if (init_error) return init_error;
    init_refs++;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlShutdown(void) {
    if (init_refs == 0) return NVML_ERROR_UNINITIALIZED;
    init_refs--;
    return NVML_SUCCESS;
}

const char *nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
    case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_NOT_FOUND: return "Not Found";
    case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
    case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
    default: return "Unknown Error";
    }
}

nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    if (init_refs == 0) return NVML_ERROR_UNINITIALIZED;
    if (!version) return NVML_ERROR_INVALID_ARGUMENT;
    return copy_string(version, length, "535.999.99-fake");
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (init_refs == 0) return NVML_ERROR_UNINITIALIZED;
    if (!count) return NVML_ERROR_INVALID_ARGUMENT;
    *count = gpu_count;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    if (init_refs == 0) return NVML_ERROR_UNINITIALIZED;
    if (index >= gpu_count || !device) return NVML_ERROR_INVALID_ARGUMENT;
    *device = &gpus[index];
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int length) {
    nvmlReturn_t r = check(d, uuid);
    return r ? r : copy_string(uuid, length, d->uuid);
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int length) {
    nvmlReturn_t r = check(d, name);
    return r ? r : copy_string(name, length, d->name);
}

nvmlReturn_t nvmlDeviceGetMinorNumber(nvmlDevice_t d, unsigned int *minor) {
    nvmlReturn_t r = check(d, minor);
    if (r) return r;
    if (d->is_mig) return NVML_ERROR_NOT_SUPPORTED;
    *minor = d->minor;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t d, nvmlMemory_t *memory) {
    nvmlReturn_t r = check_call(d, memory, CALL_MEMORY);
    if (r) return r;
    memory->total = d->memtotal;
    memory->used = d->memused;
    memory->free = d->memtotal - d->memused;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *utilization) {
    nvmlReturn_t r = check_call(d, utilization, CALL_UTIL);
    if (r) return r;
    if (d->is_mig || d->noutil) return NVML_ERROR_NOT_SUPPORTED;
    utilization->gpu = d->util;
    utilization->memory = d->util / 2;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *power) {
    nvmlReturn_t r = check_call(d, power, CALL_POWER);
    if (r) return r;
    if (d->is_mig || d->nopower) return NVML_ERROR_NOT_SUPPORTED;
    *power = d->power;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, nvmlTemperatureSensors_t sensor, unsigned int *temp) {
    nvmlReturn_t r = check_call(d, temp, CALL_TEMP);
    if (r) return r;
    if (sensor != NVML_TEMPERATURE_GPU) return NVML_ERROR_INVALID_ARGUMENT;
    if (d->is_mig || d->notemp) return NVML_ERROR_NOT_SUPPORTED;
    *temp = d->temp;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetFanSpeed(nvmlDevice_t d, unsigned int *speed) {
    nvmlReturn_t r = check_call(d, speed, CALL_FAN);
    if (r) return r;
    if (d->is_mig || !d->has_fan) return NVML_ERROR_NOT_SUPPORTED;
    *speed = d->fan;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t d, nvmlClockType_t type, unsigned int *clock) {
    nvmlReturn_t r = check_call(d, clock, CALL_CLOCK);
    if (r) return r;
    if ((int)type < 0 || (int)type >= CLOCK_TYPES) return NVML_ERROR_INVALID_ARGUMENT;
    if (d->is_mig || !d->has_clock[type]) return NVML_ERROR_NOT_SUPPORTED;
    *clock = d->clock[type];
    return NVML_SUCCESS;
}

static nvmlReturn_t clocks_event_reasons(nvmlDevice_t d, unsigned long long *reasons) {
    nvmlReturn_t r = check_call(d, reasons, CALL_CLOCK_REASONS);
    if (r) return r;
    if (d->is_mig || !d->has_reasons) return NVML_ERROR_NOT_SUPPORTED;
    *reasons = d->reasons;
    return NVML_SUCCESS;
}

/* Driver 535 renamed the call; built with -DFAKE_NVML_BEFORE_535 the library has only the old name, as older ones do. */
#ifndef FAKE_NVML_BEFORE_535
nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t d, unsigned long long *reasons) {
    return clocks_event_reasons(d, reasons);
}
#endif

nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t d, unsigned long long *reasons) {
    return clocks_event_reasons(d, reasons);
}

nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t d, nvmlMemoryErrorType_t error, nvmlEccCounterType_t counter,
                                         unsigned long long *count) {
    nvmlReturn_t r = check_call(d, count, CALL_ECC);
    if (r) return r;
    if ((int)error < 0 || (int)error > 1 || (int)counter < 0 || (int)counter > 1) return NVML_ERROR_INVALID_ARGUMENT;
    if (d->is_mig || !d->has_ecc) return NVML_ERROR_NOT_SUPPORTED;
    if (d->mig_mode && counter == NVML_VOLATILE_ECC) return NVML_ERROR_NOT_SUPPORTED;
    *count = d->ecc[error][counter];
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t d, unsigned int *current, unsigned int *pending) {
    nvmlReturn_t r = check(d, current);
    if (r) return r;
    if (!pending) return NVML_ERROR_INVALID_ARGUMENT;
    if (d->is_mig || !d->mig_mode) return NVML_ERROR_NOT_SUPPORTED;
    *current = *pending = 1;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t d, unsigned int *count) {
    nvmlReturn_t r = check(d, count);
    if (r) return r;
    if (d->is_mig || !d->mig_mode) return NVML_ERROR_NOT_SUPPORTED;
    *count = MAX_SLOTS;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t d, unsigned int index, nvmlDevice_t *mig) {
    nvmlReturn_t r = check(d, mig);
    if (r) return r;
    if (d->is_mig || !d->mig_mode) return NVML_ERROR_NOT_SUPPORTED;
    if (index >= MAX_SLOTS) return NVML_ERROR_INVALID_ARGUMENT;
    if (!d->slots[index]) return NVML_ERROR_NOT_FOUND;
    *mig = d->slots[index];
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetGpuInstanceId(nvmlDevice_t d, unsigned int *id) {
    nvmlReturn_t r = check(d, id);
    if (r) return r;
    if (!d->is_mig) return NVML_ERROR_NOT_SUPPORTED;
    *id = d->gi_id;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlGpmQueryDeviceSupport(nvmlDevice_t d, nvmlGpmSupport_t *support) {
    nvmlReturn_t r = check(d, support);
    if (r) return r;
    if (support->version != 1) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    support->isSupportedDevice = !d->is_mig && d->gpm;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlGpmSampleAlloc(nvmlGpmSample_t *sample) {
    if (init_refs == 0) return NVML_ERROR_UNINITIALIZED;
    if (!sample) return NVML_ERROR_INVALID_ARGUMENT;
    *sample = calloc(1, sizeof(struct nvmlGpmSample_st));
    if (!*sample) return NVML_ERROR_UNKNOWN;
    (*sample)->magic = SAMPLE_MAGIC;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlGpmSampleFree(nvmlGpmSample_t sample) {
    if (init_refs == 0) return NVML_ERROR_UNINITIALIZED;
    if (!sample || sample->magic != SAMPLE_MAGIC) return NVML_ERROR_INVALID_ARGUMENT;
    sample->magic = 0;
    free(sample);
    return NVML_SUCCESS;
}

static nvmlReturn_t take_sample(struct nvmlDevice_st *d, nvmlGpmSample_t sample) {
    if (!sample || sample->magic != SAMPLE_MAGIC) return NVML_ERROR_INVALID_ARGUMENT;
    d->gpm_clock += 1000;
    d->gpm_busy += d->gpm_util * 10;
    sample->device = d;
    sample->clock = d->gpm_clock;
    sample->busy = d->gpm_busy;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlGpmSampleGet(nvmlDevice_t d, nvmlGpmSample_t sample) {
    nvmlReturn_t r = check_call(d, sample, CALL_GPM_SAMPLE);
    if (r) return r;
    if (d->is_mig || !d->gpm) return NVML_ERROR_NOT_SUPPORTED;
    return take_sample(d, sample);
}

nvmlReturn_t nvmlGpmMigSampleGet(nvmlDevice_t d, unsigned int gpuInstanceId, nvmlGpmSample_t sample) {
    nvmlReturn_t r = check(d, sample);
    if (r) return r;
    if (d->is_mig || !d->gpm || !d->mig_mode) return NVML_ERROR_NOT_SUPPORTED;
    for (int s = 0; s < MAX_SLOTS; s++)
        if (d->slots[s] && d->slots[s]->gi_id == gpuInstanceId)
            return d->slots[s]->fail[CALL_GPM_SAMPLE] ? d->slots[s]->fail[CALL_GPM_SAMPLE] : take_sample(d->slots[s], sample);
    return NVML_ERROR_NOT_FOUND;
}

nvmlReturn_t nvmlGpmMetricsGet(nvmlGpmMetricsGet_t *request) {
    if (init_refs == 0) return NVML_ERROR_UNINITIALIZED;
    if (!request) return NVML_ERROR_INVALID_ARGUMENT;
    if (request->version != 1) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    if (request->numMetrics > NVML_GPM_METRIC_MAX) return NVML_ERROR_INVALID_ARGUMENT;
    nvmlGpmSample_t a = request->sample1, b = request->sample2;
    if (!a || !b || a->magic != SAMPLE_MAGIC || b->magic != SAMPLE_MAGIC || !a->device || a->device != b->device ||
        b->clock <= a->clock)
        return NVML_ERROR_INVALID_ARGUMENT;
    for (unsigned int i = 0; i < request->numMetrics; i++) {
        nvmlGpmMetric_t *m = &request->metrics[i];
        const struct nvmlDevice_st *d = a->device;
        m->metricInfo.shortName = m->metricInfo.longName = m->metricInfo.unit = NULL;
        if (m->metricId < NVML_GPM_METRIC_MAX && d->metric_error[m->metricId]) {
            m->value = 0;
            m->nvmlReturn = d->metric_error[m->metricId];
        } else if (m->metricId == NVML_GPM_METRIC_GRAPHICS_UTIL) {
            m->value = (b->busy - a->busy) * 100.0 / (double)(b->clock - a->clock);
            m->nvmlReturn = NVML_SUCCESS;
        } else if (m->metricId < NVML_GPM_METRIC_MAX && d->has_metric[m->metricId]) {
            m->value = d->metric[m->metricId];
            m->nvmlReturn = NVML_SUCCESS;
        } else {
            m->value = 0;
            m->nvmlReturn = NVML_ERROR_NOT_SUPPORTED;
        }
    }
    return NVML_SUCCESS;
}
