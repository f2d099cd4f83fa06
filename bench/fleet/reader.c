/*
 * The baseline: what reading the same sacct output costs a C program that does the same essential work as
 * `jobstats ls` and nothing else: split every line into its fields, and base64-decode and inflate (zlib) every
 * stored summary. Prints the number of jobs and summaries read, so a broken pipe cannot pass for a fast one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

int main(void) {
    static char line[1 << 16];
    static unsigned char gz[1 << 16], json[1 << 18];
    long jobs = 0, summaries = 0, bytes = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        char *field[32];
        int n = 0;
        field[n++] = line;
        for (char *p = line; *p != '\0' && n < 32; p++)
            if (*p == '|') { *p = '\0'; field[n++] = p + 1; }
        if (n < 19 || strchr(field[0], '.') != NULL) continue;
        jobs++;
        const char *comment = field[6];
        if (strncmp(comment, "JS1:", 4) != 0) continue;
        size_t len = 0;
        unsigned acc = 0;
        int bits = 0;
        for (const char *p = comment + 4; *p != '\0'; p++) {
            int v = value(*p);
            if (v < 0) continue;
            acc = (acc << 6) | (unsigned)v;
            bits += 6;
            if (bits >= 8) { bits -= 8; gz[len++] = (unsigned char)(acc >> bits); }
        }
        z_stream z;
        memset(&z, 0, sizeof z);
        if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return 1;
        z.next_in = gz;
        z.avail_in = (uInt)len;
        z.next_out = json;
        z.avail_out = sizeof json;
        if (inflate(&z, Z_FINISH) == Z_STREAM_END) { summaries++; bytes += (long)z.total_out; }
        inflateEnd(&z);
    }
    printf("%ld jobs, %ld summaries, %ld bytes of JSON\n", jobs, summaries, bytes);
    return 0;
}
