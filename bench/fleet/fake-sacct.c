/*
 * A sacct that prints $FLEET_JOBS finished jobs in the layout of `jobstats ls` (-P -n, steps included): each job's
 * row, then its batch and extern steps, as Slurm lists them. Four jobs in five carry a stored JS1: summary (one of
 * the payloads in payloads.h, written by bench/fleet/run); the fifth has none, so the table falls back to TotalCPU
 * and MaxRSS. A C program, so the bench measures jobstats and not the fake; `-V` prints a release.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "payloads.h"

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "-V") == 0) { puts("slurm 23.11.10"); return 0; }
    const char *count = getenv("FLEET_JOBS");
    long jobs = count != NULL ? atol(count) : 1000;
    static char buffer[1 << 20];
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    const long t0 = 1735732800;
    size_t payloads = sizeof payload / sizeof payload[0];
    for (long i = 0; i < jobs; i++) {
        long id = 7000000 + i, start = t0 + (i % 86400), end = start + 3600;
        const char *comment = i % 5 == 4 ? "" : payload[i % payloads];
        int gpu = strstr(comment, "JS1:") != NULL && (i % payloads) % 4 == 3;
        printf("%ld|%ld|%ld|%ld|bench|billing=4,cpu=4,%smem=8G,node=1|%s|user%03ld|acct%ld|COMPLETED|1|4|8G|normal|%s|120|"
               "02:%02ld:00|0|job-%ld\n",
               id, id, start, end, gpu ? "gres/gpu=1," : "", comment, i % 500, i % 20, gpu ? "gpu" : "cpu", 10 + i % 50, id);
        printf("%ld.batch|%ld.batch|%ld|%ld|bench|cpu=4,mem=8G,node=1||||COMPLETED|1|4|8G||||02:%02ld:00|%ldK|batch\n",
               id, id, start, end, 10 + i % 50, 1000000 + (i % 4000) * 1000);
        printf("%ld.extern|%ld.extern|%ld|%ld|bench|billing=4,cpu=4,mem=8G,node=1||||COMPLETED|1|4|8G||||00:00:00|0|extern\n",
               id, id, start, end);
    }
    return 0;
}
