/*
 * sacctmgr for bench/summaries/run: `-V` answers "slurm 23.11.0" (a release that keeps AdminComment's case), and it
 * sets AdminComments in the state directory (fake-slurm.h) in the two forms jobstats uses:
 *   sacctmgr -i update job where jobid=N set AdminComment=V      one job per process (`jobstats store`)
 *   sacctmgr -i  < lines "modify job where jobid=N set AdminComment=V"   a batch per process (the summary service)
 * Anything else is an error, so a change in how jobstats writes fails the bench loudly.
 */
#include "fake-slurm.h"

/* Applies "jobid=N" and "AdminComment=V"; 0 on success. */
static int set(const char *where, const char *what) {
    if (strncmp(where, "jobid=", 6) != 0 || strncmp(what, "AdminComment=", 13) != 0) return -1;
    const char *id = where + 6;
    if (*id == '\0' || strspn(id, "0123456789") != strlen(id)) return -1;
    return write_comment(id, what + 13);
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "-V") == 0) {
        log_call("sacctmgr version");
        puts("slurm 23.11.0");
        return 0;
    }
    if (argc == 8 && strcmp(argv[1], "-i") == 0 && strcmp(argv[2], "update") == 0 && strcmp(argv[3], "job") == 0 &&
        strcmp(argv[4], "where") == 0 && strcmp(argv[6], "set") == 0) {
        log_call("sacctmgr update 1");
        if (set(argv[5], argv[7]) != 0) { fprintf(stderr, "fake sacctmgr: cannot apply %s %s\n", argv[5], argv[7]); return 1; }
        puts(" Modified jobs...");
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "-i") == 0) {
        static char line[65536];
        char where[256], what[65536];
        size_t done = 0, failed = 0;
        while (fgets(line, sizeof line, stdin) != NULL) {
            if (sscanf(line, "modify job where %255s set %65535s", where, what) == 2 && set(where, what) == 0) done++;
            else failed++;
        }
        log_call("sacctmgr stdin %zu", done + failed);
        if (failed > 0) { fprintf(stderr, "fake sacctmgr: %zu lines not applied\n", failed); return 1; }
        return 0;
    }
    log_call("sacctmgr other");
    fputs("fake sacctmgr: unexpected arguments\n", stderr);
    return 1;
}
