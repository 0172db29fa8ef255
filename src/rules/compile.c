/* compile.c - loading a rule pack: reading codes.list, layout.map and every *.rules file of the
 * folder (rulefile.c parses them), compiling each regex once (PCRE2 with JIT) and taking the
 * literal the prefilter looks for (literal.c), then running lint's checks over the whole pack
 * (lint.c; samples.c when asked) and numbering the literals for matching (match.c). Rules stage.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules_internal.h"

enum { MATCH_LIMIT = 1000000, DEPTH_LIMIT = 10000 };

/* ------------------------------------------------------------------ files */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.rules file under dir, sorted, recursively. A folder that cannot be read is RCA_EIO,
 * reported to diag. */
static rca_err collect_rule_files(const char *dir, char ***list, size_t *n, size_t *cap, int depth,
                                  rca_diag *diag)
{
    if (depth > 8)
        return RCA_OK;
    DIR *d = opendir(dir);
    if (!d) {
        rca_diagf(diag, RCA_DIAG_ERROR, dir, NULL, 0, 0, NULL, "cannot read the folder: %s",
                  strerror(errno));
        return RCA_EIO;
    }
    struct dirent *de;
    rca_err rc = RCA_OK;
    while ((de = readdir(d)) && !rc) {
        if (de->d_name[0] == '.')
            continue;
        char full[4096];
        if ((size_t)snprintf(full, sizeof full, "%s/%s", dir, de->d_name) >= sizeof full)
            continue;
        struct stat st;
        if (stat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            rc = collect_rule_files(full, list, n, cap, depth + 1, diag);
        } else if (S_ISREG(st.st_mode) && rca_ends_with(de->d_name, ".rules")) {
            if (*n == *cap) {
                size_t nc = *cap ? *cap * 2 : 32;
                char **nl = realloc(*list, nc * sizeof *nl);
                if (!nl) {
                    rc = RCA_ENOMEM;
                    break;
                }
                *list = nl;
                *cap = nc;
            }
            (*list)[*n] = strdup(full);
            if (!(*list)[*n])
                rc = RCA_ENOMEM;
            else
                (*n)++;
        }
    }
    closedir(d);
    return rc;
}

/* ------------------------------------------------------------------ compile */

static rca_err compile_rule(rca_rules *r, rule *ru, rca_diag *diag)
{
    rca_err rc = RCA_OK;
    uint32_t max_cap = 0;
    for (size_t i = 0; i < ru->nmatch; i++) {
        rule_match *m = &ru->match[i];
        int err;
        PCRE2_SIZE off;
        /* Byte semantics, not UTF: log lines carry invalid UTF-8, and under PCRE2_UTF an invalid
         * sequence matches nothing (not even [^)]*), which would lose evidence silently. */
        m->re = pcre2_compile((PCRE2_SPTR)m->src, PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
        if (!m->re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(err, msg, sizeof msg);
            rca_diagf(diag, RCA_DIAG_ERROR, ru->file, NULL, m->line, m->col + (unsigned)off,
                      m->line_text,
                      "rule %s: bad regex: %s", ru->id, (const char *)msg);
            rc = RCA_ESYNTAX;
            continue;
        }
        pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if no JIT */
        uint32_t cc = 0;
        pcre2_pattern_info(m->re, PCRE2_INFO_CAPTURECOUNT, &cc);
        if (cc > max_cap)
            max_cap = cc;
        if (!m->literal) {
            rca_err lrc = rules_required_literal(r->arena, m->src, &m->literal);
            if (lrc)
                return lrc;
            m->literal_len = m->literal ? strlen(m->literal) : 0;
        }
    }
    if (rc)
        return rc;
    ru->ncap = max_cap;
    for (size_t i = 0; i < ru->nmatch; i++) {
        rule_match *m = &ru->match[i];
        uint32_t cc = 0, count = 0, entry = 0;
        PCRE2_SPTR table;
        pcre2_pattern_info(m->re, PCRE2_INFO_CAPTURECOUNT, &cc);
        m->ncap = cc;
        m->capnames = rca_arena_alloc(r->arena, (cc + 1) * sizeof *m->capnames);
        if (!m->capnames)
            return RCA_ENOMEM;
        memset(m->capnames, 0, (cc + 1) * sizeof *m->capnames);
        pcre2_pattern_info(m->re, PCRE2_INFO_NAMECOUNT, &count);
        pcre2_pattern_info(m->re, PCRE2_INFO_NAMEENTRYSIZE, &entry);
        pcre2_pattern_info(m->re, PCRE2_INFO_NAMETABLE, &table);
        for (uint32_t k = 0; k < count; k++) {
            const unsigned char *e = table + k * entry;
            uint32_t grp = ((uint32_t)e[0] << 8) | e[1];
            if (grp <= cc && !m->capnames[grp] &&
                !(m->capnames[grp] = rca_arena_strdup(r->arena, (const char *)e + 2)))
                return RCA_ENOMEM;
        }
    }
    if (ru->nmatch) {
        ru->md = pcre2_match_data_create(max_cap + 1, NULL);
        if (!ru->md)
            return RCA_ENOMEM;
    }
    return RCA_OK;
}

/* ------------------------------------------------------------------ load */

rca_err rca_rules_load(const char *dir, int check_samples, rca_diag *diag, rca_rules **out)
{
    rca_err rc = RCA_OK, first = RCA_OK;
    rca_rules *r = calloc(1, sizeof *r);
    char **files = NULL;
    size_t nfiles = 0, capfiles = 0;
    rca_buf text, path;
    rca_buf_init(&text);
    rca_buf_init(&path);
    if (!r || !(r->arena = rca_arena_new())) {
        rc = RCA_ENOMEM;
        goto fail;
    }
    rca_buf_init(&r->scratch);
    rca_buf_init(&r->grp);
    if (!(r->mctx = pcre2_match_context_create(NULL))) {
        rc = RCA_ENOMEM;
        goto fail;
    }
    pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        rca_diagf(diag, RCA_DIAG_ERROR, dir, NULL, 0, 0, NULL, "not a rule pack folder: %s",
                  strerror(errno ? errno : ENOTDIR));
        rc = RCA_EIO;
        goto fail;
    }
    rca_buf_printf(&path, "%s/codes.list", dir);
    if ((rc = rca_file_read(path.p, diag, &text)) ||
        (rc = rules_parse_codes(r, path.p, text.p, text.n, diag)))
        first = first ? first : rc;
    rca_buf_reset(&path);
    rca_buf_printf(&path, "%s/layout.map", dir);
    rc = rca_layout_load(path.p, diag, &r->layout);
    if (rc)
        first = first ? first : rc;
    if ((rc = collect_rule_files(dir, &files, &nfiles, &capfiles, 0, diag)))
        goto fail;
    if (nfiles > 1)
        qsort(files, nfiles, sizeof *files, cmp_str);
    if (nfiles == 0) {
        rca_diagf(diag, RCA_DIAG_ERROR, dir, NULL, 0, 0, NULL, "no *.rules files in the pack");
        first = first ? first : RCA_ESYNTAX;
    }
    for (size_t i = 0; i < nfiles; i++) {
        if ((rc = rca_file_read(files[i], diag, &text))) {
            first = first ? first : rc;
            continue;
        }
        rc = rules_parse_file(r, files[i], text.p, text.n, diag);
        if (rc)
            first = first ? first : rc;
    }
    if (first == RCA_ENOMEM) {
        rc = first;
        goto fail;
    }
    for (size_t i = 0; i < r->nrules; i++)
        if ((rc = compile_rule(r, &r->rules[i], diag)))
            first = first ? first : rc;
    if ((rc = rules_validate(r, diag)))
        first = first ? first : rc;
    if ((rc = rules_check_cause_loops(r, diag)))
        first = first ? first : rc;
    if (!first && (rc = rules_number_literals(r)))
        first = rc;
    if (!first && check_samples && (rc = rules_check_samples(r, diag)))
        first = rc;
    if (first) {
        rc = first == RCA_EIO ? RCA_ESYNTAX : first;
        goto fail;
    }
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    rca_buf_free(&text);
    rca_buf_free(&path);
    *out = r;
    return RCA_OK;
fail:
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    rca_buf_free(&text);
    rca_buf_free(&path);
    rca_rules_free(r);
    return rc;
}

void rca_rules_free(rca_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nrules; i++) {
        rule *ru = &r->rules[i];
        for (size_t k = 0; k < ru->nmatch; k++)
            pcre2_code_free(ru->match[k].re);
        pcre2_match_data_free(ru->md);
    }
    struct rca_fileset *fs = r->sets;
    while (fs) {
        struct rca_fileset *next = fs->next;
        rules_fileset_free(fs);
        fs = next;
    }
    free(r->lit_found);
    free(r->lit_seen);
    free(r->lit_hits);
    free(r->cand);
    free(r->rules);
    free(r->codes);
    rca_layout_free(r->layout);
    pcre2_match_context_free(r->mctx);
    rca_buf_free(&r->scratch);
    rca_buf_free(&r->grp);
    rca_arena_free(r->arena);
    free(r);
}

size_t rca_rules_count(const rca_rules *r)
{
    return r->nrules;
}

const rca_layout *rca_rules_layout(const rca_rules *r)
{
    return r->layout;
}
