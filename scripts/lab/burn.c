/* A measurable workload for the lab: touches MEGABYTES of memory, then keeps THREADS cores busy for SECONDS.
 * Used by scripts/demo and the lab/end-to-end tests so that CPU and memory figures have known lower bounds.
 * Usage: burn THREADS SECONDS MEGABYTES */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds_to_burn;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *spin(void *arg) {
    volatile unsigned long counter = 0;
    double end = now() + seconds_to_burn;
    (void)arg;
    while (now() < end) {
        for (int i = 0; i < 100000; i++) counter++;
    }
    return NULL;
}

static long parse_positive(const char *text, const char *what) {
    char *rest = NULL;
    long value = strtol(text, &rest, 10);
    if (rest == text || *rest != '\0' || value < 0 || value > 1000000) {
        fprintf(stderr, "burn: %s must be a whole number between 0 and 1000000, not '%s'\n", what, text);
        exit(2);
    }
    return value;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: burn THREADS SECONDS MEGABYTES\n");
        return 2;
    }
    long threads = parse_positive(argv[1], "THREADS");
    seconds_to_burn = (double)parse_positive(argv[2], "SECONDS");
    long megabytes = parse_positive(argv[3], "MEGABYTES");
    if (threads < 1 || threads > 1024) {
        fprintf(stderr, "burn: THREADS must be between 1 and 1024\n");
        return 2;
    }

    size_t bytes = (size_t)megabytes * 1024 * 1024;
    char *memory = bytes ? malloc(bytes) : NULL;
    if (bytes && memory == NULL) {
        fprintf(stderr, "burn: cannot allocate %ld MB\n", megabytes);
        return 1;
    }
    if (bytes) memset(memory, 0x5a, bytes); /* every page written, so it is resident */

    pthread_t *workers = calloc((size_t)threads, sizeof *workers);
    if (workers == NULL) return 1;
    for (long i = 0; i < threads; i++) {
        if (pthread_create(&workers[i], NULL, spin, NULL) != 0) {
            fprintf(stderr, "burn: cannot start thread %ld\n", i);
            return 1;
        }
    }
    for (long i = 0; i < threads; i++) pthread_join(workers[i], NULL);

    unsigned long checksum = 0;
    for (size_t i = 0; i < bytes; i += 4096) checksum += (unsigned char)memory[i];
    printf("burn: %ld threads for %.0f s, %ld MB touched (checksum %lu)\n", threads, seconds_to_burn, megabytes, checksum);
    free(workers);
    free(memory);
    return 0;
}
