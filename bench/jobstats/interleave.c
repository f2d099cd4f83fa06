/*
 * Times several commands in turn: `interleave RUNS -- CMD ARGS... -- CMD ARGS...` runs one round of every command,
 * RUNS times (after one unmeasured warm-up round), and prints for each command, in order, its median wall time and
 * median CPU time (user + system, its children included) in microseconds. Interleaving spreads the load of a shared
 * machine over all commands alike, so their ratio holds where the absolute figures do not. Output goes to /dev/null.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_COMMANDS = 8 };

static long long now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int run(char **argv, long long *wall, long long *cpu) {
    long long start = now_us();
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0); dup2(null, 1); dup2(null, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) return -1;
    *wall = now_us() - start;
    *cpu = (long long)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int by_value(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static long long median(long long *values, int n) {
    qsort(values, (size_t)n, sizeof *values, by_value);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int main(int argc, char **argv) {
    int runs = argc > 2 ? atoi(argv[1]) : 0;
    if (runs < 1 || strcmp(argv[2], "--") != 0) {
        fputs("usage: interleave RUNS -- CMD ARGS... [-- CMD ARGS...]\n", stderr);
        return 2;
    }
    char **commands[MAX_COMMANDS];
    int count = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") != 0) continue;
        argv[i] = NULL;   /* ends the previous command's argument vector */
        if (i + 1 < argc && count < MAX_COMMANDS) commands[count++] = &argv[i + 1];
    }
    long long *wall = calloc((size_t)(runs * count), sizeof *wall), *cpu = calloc((size_t)(runs * count), sizeof *cpu);
    if (wall == NULL || cpu == NULL) return 1;
    for (int round = -1; round < runs; round++)
        for (int c = 0; c < count; c++) {
            long long w, u;
            int status = run(commands[c], &w, &u);
            if (status != 0) { fprintf(stderr, "interleave: %s exited with %d\n", commands[c][0], status); return 1; }
            if (round >= 0) { wall[c * runs + round] = w; cpu[c * runs + round] = u; }
        }
    for (int c = 0; c < count; c++)
        printf("%lld %lld\n", median(&wall[c * runs], runs), median(&cpu[c * runs], runs));
    return 0;
}
