/*
 * The cost floor for bench/exporter: a minimal C program that does a scrape's work of jobstats-exporter for a
 * cgroup v1 node with --collect-steps (walk cpuacct/slurm*, read the same files of every job, step and task, parse
 * them, write the same Prometheus text), SCRAPES times in one process, so that process start-up is not what is
 * compared. It reports the CPU time (getrusage) per scrape, the wall time of one scrape (p50, p99) and its peak RSS.
 * It serves no HTTP: the exporter's figures include accepting, reading the request and sending the body, and the
 * bench measures that overhead apart (GET of the 404 page).
 *
 * Usage: floor CGROUP_ROOT SCRAPES        prints "cpu_ms_per_scrape p50_ms p99_ms peak_rss_kib body_bytes"
 *        floor CGROUP_ROOT 0              prints one scrape's body (the bench compares it with the exporter's)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAX_BYTES (64 * 1024)

struct cgroup {
    char job[24], step[16], task[16], uid[16];
    char rel[200];
    int ok, cpus;
    double user, system, total;
    unsigned long long rss, cache, shmem, used, limit, failcnt;
    int has_memsw[3];
    unsigned long long memsw[3];
};

static const char *root;
static char file_buffer[MAX_BYTES + 1];
static struct cgroup *cgroups;
static size_t count, capacity;
static char *out;
static size_t out_len, out_cap;

/* The file's bytes, NUL-terminated, or NULL (errno set) when it cannot be opened or read, or is over the cap. */
static char *read_file(const char *path, ssize_t *length) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return NULL;
    ssize_t total = 0, n;
    while (total <= MAX_BYTES && (n = read(fd, file_buffer + total, MAX_BYTES + 1 - total)) > 0) total += n;
    close(fd);
    if (n < 0 || total > MAX_BYTES) return NULL;
    file_buffer[total] = 0;
    *length = total;
    return file_buffer;
}

static int read_single(const char *controller, const char *rel, const char *name, unsigned long long *value) {
    char path[512];
    ssize_t length;
    snprintf(path, sizeof path, "%s/%s/%s/%s", root, controller, rel, name);
    char *text = read_file(path, &length);
    if (!text || length == 0) return -1;
    char *end;
    errno = 0;
    *value = strtoull(text, &end, 10);
    if (errno || end == text || (*end && strcmp(end, "\n") != 0)) return -1;
    return 0;
}

static int key(const char *text, const char *name, unsigned long long *value) {
    size_t length = strlen(name);
    for (const char *line = text; *line; line = strchr(line, '\n') + 1) {
        if (strncmp(line, name, length) == 0 && line[length] == ' ') {
            *value = strtoull(line + length + 1, NULL, 10);
            return 0;
        }
        if (!strchr(line, '\n')) break;
    }
    return -1;
}

static int count_cpus(const char *text) {
    int cpus = 0;
    const char *p = text;
    while (*p >= '0' && *p <= '9') {
        char *end;
        long first = strtol(p, &end, 10), last = first;
        if (*end == '-') last = strtol(end + 1, &end, 10);
        cpus += (int)(last - first + 1);
        p = *end == ',' ? end + 1 : end;
    }
    return cpus;
}

static void read_cgroup(struct cgroup *c) {
    char path[512];
    ssize_t length;
    unsigned long long usage, user, system, cache, inactive, active;
    c->ok = 0;
    if (read_single("cpuacct", c->rel, "cpuacct.usage", &usage)) return;
    snprintf(path, sizeof path, "%s/cpuacct/%s/cpuacct.stat", root, c->rel);
    char *text = read_file(path, &length);
    if (!text || key(text, "user", &user) || key(text, "system", &system)) return;
    snprintf(path, sizeof path, "%s/memory/%s/memory.stat", root, c->rel);
    text = read_file(path, &length);
    if (!text || key(text, "total_cache", &cache) || key(text, "total_rss", &c->rss)
        || key(text, "total_inactive_file", &inactive) || key(text, "total_active_file", &active)) return;
    c->user = user / 100.0;
    c->system = system / 100.0;
    c->total = usage / 1e9;
    c->cache = cache;
    c->shmem = cache > inactive + active ? cache - inactive - active : 0;
    if (read_single("memory", c->rel, "memory.usage_in_bytes", &c->used)) return;
    if (read_single("memory", c->rel, "memory.limit_in_bytes", &c->limit)) return;
    if (read_single("memory", c->rel, "memory.failcnt", &c->failcnt)) return;
    static const char *memsw[] = { "memory.memsw.usage_in_bytes", "memory.memsw.limit_in_bytes", "memory.memsw.failcnt" };
    for (int i = 0; i < 3; i++) c->has_memsw[i] = read_single("memory", c->rel, memsw[i], &c->memsw[i]) == 0;
    /* Tasks have no cpuset directory: the nearest ancestor's list, up to the job. */
    char rel[200];
    snprintf(rel, sizeof rel, "%s", c->rel);
    c->cpus = 0;
    for (int depth = (c->task[0] ? 5 : c->step[0] ? 4 : 3); depth >= 3; depth--) {
        snprintf(path, sizeof path, "%s/cpuset/%s/cpuset.cpus", root, rel);
        text = read_file(path, &length);
        if (text && (c->cpus = count_cpus(text)) > 0) break;
        char *slash = strrchr(rel, '/');
        if (slash) *slash = 0;
    }
    c->ok = 1;
}

static struct cgroup *add(const char *job, const char *step, const char *task, const char *uid, const char *rel) {
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 256;
        cgroups = realloc(cgroups, capacity * sizeof *cgroups);
    }
    struct cgroup *c = &cgroups[count++];
    snprintf(c->job, sizeof c->job, "%s", job);
    snprintf(c->step, sizeof c->step, "%s", step);
    snprintf(c->task, sizeof c->task, "%s", task);
    snprintf(c->uid, sizeof c->uid, "%s", uid);
    snprintf(c->rel, sizeof c->rel, "%s", rel);
    return c;
}

/* Calls found(name) for each sub-directory of root/cpuacct/rel whose name starts with prefix. */
static void list(const char *rel, const char *prefix, void (*found)(const char *rel, const char *name, void *), void *context) {
    char path[512];
    snprintf(path, sizeof path, "%s/cpuacct/%s", root, rel);
    DIR *dir = opendir(path);
    if (!dir) return;
    struct dirent *entry;
    size_t length = strlen(prefix);
    while ((entry = readdir(dir)))
        if (entry->d_type == DT_DIR && strncmp(entry->d_name, prefix, length) == 0) found(rel, entry->d_name, context);
    closedir(dir);
}

static void found_task(const char *rel, const char *name, void *step) {
    char path[200];
    snprintf(path, sizeof path, "%s/%s", rel, name);
    struct cgroup *parent = step;
    add(parent->job, parent->step, name + 5, parent->uid, path);
}

static void found_step(const char *rel, const char *name, void *job) {
    char path[200];
    snprintf(path, sizeof path, "%s/%s", rel, name);
    struct cgroup *parent = job, step = *parent;
    snprintf(step.step, sizeof step.step, "%s", name + 5);
    add(parent->job, name + 5, "", parent->uid, path);
    list(path, "task_", found_task, &step);
}

static void found_job(const char *rel, const char *name, void *uid) {
    char path[200];
    snprintf(path, sizeof path, "%s/%s", rel, name);
    struct cgroup job;
    add(name + 4, "", "", uid, path);
    snprintf(job.job, sizeof job.job, "%s", name + 4);
    snprintf(job.uid, sizeof job.uid, "%s", (const char *)uid);
    list(path, "step_", found_step, &job);
}

static void found_uid(const char *rel, const char *name, void *context) {
    char path[200];
    (void)context;
    snprintf(path, sizeof path, "%s/%s", rel, name);
    list(path, "job_", found_job, (void *)(name + 4));
}

static void found_root(const char *rel, const char *name, void *context) {
    (void)rel;
    list(name, "uid_", found_uid, context);
}

/* The exporter's order: empty first, then numbers by value, then words. */
static int compare_names(const char *a, const char *b) {
    if (!*a || !*b) return (*a != 0) - (*b != 0);
    int a_number = strspn(a, "0123456789") == strlen(a), b_number = strspn(b, "0123456789") == strlen(b);
    if (a_number != b_number) return a_number ? -1 : 1;
    if (a_number && strlen(a) != strlen(b)) return strlen(a) < strlen(b) ? -1 : 1;
    return strcmp(a, b);
}

static int compare(const void *x, const void *y) {
    const struct cgroup *a = x, *b = y;
    int c = compare_names(a->job, b->job);
    if (!c) c = compare_names(a->step, b->step);
    return c ? c : compare_names(a->task, b->task);
}

static void append(const char *text, size_t length) {
    if (out_len + length > out_cap) {
        out_cap = (out_len + length) * 2;
        out = realloc(out, out_cap);
    }
    memcpy(out + out_len, text, length);
    out_len += length;
}

static void puts_out(const char *text) { append(text, strlen(text)); }

/* Prometheus' value syntax as the exporter writes it: integers exactly, others in the shortest form that round-trips. */
static void value_out(double value) {
    char text[40];
    int length;
    if (value == (double)(long long)value && value < 9007199254740992.0 && value > -9007199254740992.0) {
        length = snprintf(text, sizeof text, "%lld", (long long)value);
    } else {
        for (int precision = 15;; precision++) {
            length = snprintf(text, sizeof text, "%.*g", precision, value);
            if (precision == 17 || strtod(text, NULL) == value) break;
        }
    }
    append(text, length);
}

static void labels_out(const struct cgroup *c) {
    puts_out("{jobid=\"");
    puts_out(c->job);
    puts_out("\",step=\"");
    puts_out(c->step);
    puts_out("\",task=\"");
    puts_out(c->task);
    puts_out("\"} ");
}

static void family(const char *name, const char *help) {
    puts_out("# HELP "); puts_out(name); puts_out(" "); puts_out(help); puts_out("\n");
    puts_out("# TYPE "); puts_out(name); puts_out(" gauge\n");
}

#define SERIES(NAME, HELP, CONDITION, VALUE)                                         \
    family(NAME, HELP);                                                              \
    for (size_t i = 0; i < count; i++) {                                             \
        const struct cgroup *c = &cgroups[i];                                        \
        if (!c->ok || !(CONDITION)) continue;                                        \
        puts_out(NAME); labels_out(c); value_out((double)(VALUE)); puts_out("\n");   \
    }

static void scrape(int fd) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    count = 0;
    char slurm[] = "";
    list(slurm, "slurm", found_root, NULL);
    qsort(cgroups, count, sizeof *cgroups, compare);
    for (size_t i = 0; i < count; i++) read_cgroup(&cgroups[i]);
    out_len = 0;
    SERIES("cgroup_cpu_user_seconds", "Cumulative CPU user time in seconds.", 1, c->user)
    SERIES("cgroup_cpu_system_seconds", "Cumulative CPU system time in seconds.", 1, c->system)
    SERIES("cgroup_cpu_total_seconds", "Cumulative CPU time in seconds.", 1, c->total)
    SERIES("cgroup_cpus", "Number of CPUs in the cgroup's cpuset.", 1, c->cpus)
    SERIES("cgroup_memory_rss_bytes", "Anonymous (RSS) memory in bytes.", 1, c->rss)
    SERIES("cgroup_memory_cache_bytes", "Page cache memory in bytes.", 1, c->cache)
    SERIES("cgroup_memory_shmem_bytes", "Shared memory in bytes.", 1, c->shmem)
    SERIES("cgroup_memory_used_bytes", "Memory used in bytes.", 1, c->used)
    SERIES("cgroup_memory_total_bytes", "Memory limit in bytes.", 1, c->limit)
    SERIES("cgroup_memory_fail_count", "Number of times the memory limit was hit.", 1, c->failcnt)
    SERIES("cgroup_memsw_used_bytes", "Memory plus swap used in bytes.", c->has_memsw[0], c->memsw[0])
    SERIES("cgroup_memsw_total_bytes", "Memory plus swap limit in bytes.", c->has_memsw[1], c->memsw[1])
    SERIES("cgroup_memsw_fail_count", "Number of times the memory plus swap limit was hit.", c->has_memsw[2], c->memsw[2])
    family("cgroup_uid", "Uid of the job's owner.");
    for (size_t i = 0; i < count; i++) {
        const struct cgroup *c = &cgroups[i];
        if (!c->ok || c->step[0]) continue;
        puts_out("cgroup_uid{jobid=\""); puts_out(c->job); puts_out("\"} "); puts_out(c->uid); puts_out("\n");
    }
    family("cgroup_exporter_collect_error", "1 when the cgroup could not be read in this scrape.");
    for (size_t i = 0; i < count; i++) {
        const struct cgroup *c = &cgroups[i];
        if (c->ok) continue;
        puts_out("cgroup_exporter_collect_error"); labels_out(c); puts_out("1\n");
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    puts_out("# HELP jobstats_exporter_collector_success 1 when the collector's last update succeeded, 0 when it failed.\n");
    puts_out("# TYPE jobstats_exporter_collector_success gauge\njobstats_exporter_collector_success{collector=\"cgroup\"} 1\n");
    puts_out("# HELP jobstats_exporter_collector_duration_seconds Time the collector's update took during this scrape.\n");
    puts_out("# TYPE jobstats_exporter_collector_duration_seconds gauge\njobstats_exporter_collector_duration_seconds{collector=\"cgroup\"} ");
    value_out((end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    puts_out("\n");
    for (size_t done = 0; done < out_len;) {
        ssize_t n = write(fd, out + done, out_len - done);
        if (n <= 0) { perror("floor: write"); exit(1); }
        done += (size_t)n;
    }
}

static int by_value(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor CGROUP_ROOT SCRAPES\n"); return 2; }
    root = argv[1];
    int scrapes = atoi(argv[2]);
    if (scrapes == 0) { scrape(1); return 0; }
    int sink = open("/dev/null", O_WRONLY | O_CLOEXEC);
    for (int i = 0; i < 5; i++) scrape(sink);   /* warm up, as the bench does for the exporter */
    double *times = malloc(scrapes * sizeof *times);
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    for (int i = 0; i < scrapes; i++) {
        double start = now_ms();
        scrape(sink);
        times[i] = now_ms() - start;
    }
    getrusage(RUSAGE_SELF, &after);
    double cpu_ms = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1e3 + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e3
                  + (after.ru_stime.tv_sec - before.ru_stime.tv_sec) * 1e3 + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e3;
    qsort(times, scrapes, sizeof *times, by_value);
    int p50 = (int)(scrapes * 0.50 + 0.5), p99 = (int)(scrapes * 0.99 + 0.5);
    printf("%.3f %.3f %.3f %ld %zu\n", cpu_ms / scrapes, times[(p50 > 0 ? p50 : 1) - 1], times[(p99 > 0 ? p99 : 1) - 1],
           after.ru_maxrss, out_len);
    return 0;
}
