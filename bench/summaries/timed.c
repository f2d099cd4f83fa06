/*
 * timed FILE COMMAND [ARGS...]: runs the command and appends "wall_usec cpu_usec status\n" to FILE: its wall time,
 * the CPU time (user + system) of it and of every process it waited for (the fake Slurm clients a jobstats run
 * starts), and its exit status. One short O_APPEND write, so lines of concurrent runs never mix; a C program, so
 * timing a burst of 2,000 calls adds next to nothing to what it measures. SIGTERM and SIGINT are passed on to the
 * command. Exits with the command's status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t child;

static void pass_on(int signal) {
    if (child > 0) kill(child, signal);
}

int main(int argc, char **argv) {
    if (argc < 3) { fputs("usage: timed FILE COMMAND [ARGS...]\n", stderr); return 2; }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = pass_on;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    struct timespec start, stop;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) { execvp(argv[2], argv + 2); perror(argv[2]); _exit(127); }
    child = pid;
    int status;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno == EINTR) continue;
        perror("wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &stop);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    long wall = (stop.tv_sec - start.tv_sec) * 1000000L + (stop.tv_nsec - start.tv_nsec) / 1000;
    long cpu = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000L + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
    char line[96];
    int n = snprintf(line, sizeof line, "%ld %ld %d\n", wall, cpu, code);
    int fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0 || write(fd, line, (size_t)n) != n) { perror(argv[1]); return 2; }
    close(fd);
    return code;
}
