/*
 * sacct for bench/summaries/run, compiled with the rows of the bench jobs (rows.h: { raw id, fields before
 * AdminComment, fields after it }, in the `-P -X -n` layout of jobstats' lookup field list, times as epoch seconds).
 * It answers the four field lists jobstats asks for: the lookup list (one job or a comma-separated list), the
 * read-backs "jobidraw,admincomment" and "admincomment", and "jobidraw,sluid", which it refuses with exit 1 as every
 * Slurm before 26 does. Any other field list is an error, so a change in jobstats' questions fails the bench loudly.
 * AdminComments come from the state directory (fake-slurm.h), where the fake sacctmgr writes them.
 */
#include "fake-slurm.h"
#include "rows.h"

static const char *const lookup_fields = "jobid,jobidraw,start,end,cluster,alloctres,admincomment,user,account,state,"
                                         "nnodes,ncpus,reqmem,qos,partition,timelimitraw,jobname";

static int compare_ids(const void *key, const void *element) {
    long id = *(const long *)key, other = ((const struct row *)element)->id;
    return (id > other) - (id < other);
}

static const struct row *find(const char *text) {
    char *end;
    long id = strtol(text, &end, 10);
    if (*end != '\0') return NULL;
    return bsearch(&id, rows, sizeof rows / sizeof rows[0], sizeof rows[0], compare_ids);
}

int main(int argc, char **argv) {
    const char *fields = NULL;
    char *ids = NULL;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "-o") == 0) fields = argv[i + 1];
        if (strcmp(argv[i], "-j") == 0) ids = strdup(argv[i + 1]);
    }
    if (fields == NULL || ids == NULL) {
        log_call("sacct other");
        fputs("fake sacct: only -o FIELDS -j IDS is answered here\n", stderr);
        return 1;
    }
    size_t count = 1;
    for (const char *c = ids; *c; c++) count += *c == ',';
    enum { LOOKUP, READ_BACK, READ_ONE } kind;
    if (strstr(fields, "sluid") != NULL) {
        log_call("sacct sluid %zu", count);
        fputs("sacct: error: Invalid field requested: \"sluid\"\n", stderr);
        return 1;
    }
    if (strcmp(fields, lookup_fields) == 0) kind = LOOKUP;
    else if (strcmp(fields, "jobidraw,admincomment") == 0) kind = READ_BACK;
    else if (strcmp(fields, "admincomment") == 0) kind = READ_ONE;
    else {
        log_call("sacct other");
        fprintf(stderr, "fake sacct: unexpected field list %s\n", fields);
        return 1;
    }
    log_call("sacct %s %zu", kind == LOOKUP ? "lookup" : "read-back", count);
    static char comment[65536];
    for (char *id = strtok(ids, ","); id != NULL; id = strtok(NULL, ",")) {
        const struct row *row = find(id);
        if (row == NULL) continue;
        read_comment(id, comment, sizeof comment);
        if (kind == LOOKUP) printf("%s|%s|%s\n", row->before, comment, row->after);
        else if (kind == READ_BACK) printf("%ld|%s\n", row->id, comment);
        else printf("%s\n", comment);
    }
    return 0;
}
