/*
 * A sacct that costs next to nothing, so that the bench measures jobstats and not a shell script. The rows come
 * from rows.h, written by bench/jobstats/run: { job id, row } pairs in the `-P -X -n` layout of jobstats' field list.
 * It behaves like the sacct of Slurm 22.05 where jobstats can tell: `-V` prints the release, and a field list naming
 * `sluid` (Slurm 26) is refused with sacct's own message and exit code. Every call appends its arguments to
 * $FAKE_SACCT_COUNT, so the bench can count the sacct runs of one report.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rows.h"

static void log_call(int argc, char **argv) {
    const char *path = getenv("FAKE_SACCT_COUNT");
    if (path == NULL || *path == '\0') return;
    char line[4096];
    size_t used = 0;
    for (int i = 1; i < argc && used < sizeof line - 2; i++) {
        int n = snprintf(line + used, sizeof line - 1 - used, "%s%s", i > 1 ? " " : "", argv[i]);
        if (n < 0) return;
        used += (size_t)n < sizeof line - 1 - used ? (size_t)n : sizeof line - 2 - used;
    }
    line[used++] = '\n';
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0) return;
    ssize_t written = write(fd, line, used);
    (void)written;
    close(fd);
}

int main(int argc, char **argv) {
    log_call(argc, argv);
    if (argc > 1 && strcmp(argv[1], "-V") == 0) { puts("slurm 22.05.8"); return 0; }
    const char *id = NULL, *fields = "";
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "-j") == 0) id = argv[i + 1];
        if (strcmp(argv[i], "-o") == 0) fields = argv[i + 1];
    }
    if (strstr(fields, "sluid") != NULL) {
        fputs("sacct: error: Invalid field requested: \"sluid\"\n", stderr);
        return 1;
    }
    if (id == NULL) return 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (strcmp(rows[i].id, id) == 0) { fputs(rows[i].row, stdout); fputc('\n', stdout); }
    return 0;
}
