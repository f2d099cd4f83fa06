/*
 * What the fake sacct and sacctmgr of bench/summaries/run share: the state directory ($FAKE_SLURM_STATE) that stands
 * for slurmdbd, and the call log in it. Every run of either program appends one short line to calls.log with
 * O_APPEND (one write below PIPE_BUF, so lines of concurrent runs never mix): each line is one client process, that
 * is one slurmdbd connection. An AdminComment is the file comments/JOBID, replaced by rename so a reader sees the
 * old value or the new one, never half of one.
 */
#ifndef FAKE_SLURM_H
#define FAKE_SLURM_H

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline const char *state_dir(void) {
    const char *dir = getenv("FAKE_SLURM_STATE");
    if (dir == NULL || *dir == '\0') {
        fputs("fake slurm: FAKE_SLURM_STATE is not set\n", stderr);
        exit(2);
    }
    return dir;
}

/* Appends one line ("sacct lookup 200", "sacctmgr stdin 200", ...) to calls.log. */
static inline void log_call(const char *format, ...) {
    char path[4096], line[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line - 1, format, args);
    va_end(args);
    if (n < 0) return;
    if ((size_t)n > sizeof line - 2) n = (int)sizeof line - 2;
    line[n++] = '\n';
    snprintf(path, sizeof path, "%s/calls.log", state_dir());
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0) { perror(path); exit(2); }
    if (write(fd, line, (size_t)n) != n) { perror(path); exit(2); }
    close(fd);
}

/* The job's AdminComment into buffer (empty when none was ever set). */
static inline void read_comment(const char *jobid, char *buffer, size_t size) {
    char path[4096];
    snprintf(path, sizeof path, "%s/comments/%s", state_dir(), jobid);
    buffer[0] = '\0';
    FILE *file = fopen(path, "r");
    if (file == NULL) return;
    size_t got = fread(buffer, 1, size - 1, file);
    buffer[got] = '\0';
    fclose(file);
}

/* Sets the job's AdminComment; 0 on success. */
static inline int write_comment(const char *jobid, const char *value) {
    char path[4096], temp[4096];
    snprintf(path, sizeof path, "%s/comments/%s", state_dir(), jobid);
    snprintf(temp, sizeof temp, "%s/comments/.%s.%ld", state_dir(), jobid, (long)getpid());
    FILE *file = fopen(temp, "w");
    if (file == NULL) return -1;
    int failed = fputs(value, file) < 0;
    failed |= fclose(file) != 0;
    if (failed || rename(temp, path) != 0) { unlink(temp); return -1; }
    return 0;
}

#endif
