/* match.c - running line rules on parsed log lines during ingest. The rules of a file are chosen
 * once per (service, path) and cached (rca_rules_for_file); a literal prefilter keeps most regexes
 * from running: one scan of the message by the automaton over the literals of the file's rules
 * (prefilter.c) tells which rules can match, and each match's captures become the JSON fields of
 * a hit in the store. Rules stage (ingest's hot path: no work per line beyond the scan and the
 * candidate rules' regexes).
 */
#define _GNU_SOURCE /* memmem */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

/* A file whose rules have fewer literals than this tests them one by one with memmem: glibc's
 * memmem skips through a message faster than the automaton's byte-by-byte scan for a few
 * literals (callgrind on the bench bundle: ~250 instructions per rule and line against ~7 per
 * byte of message; the shipped pack has 1 to 5 rules per service). */
enum { PREFILTER_MIN_LITERALS = 5 };

/* ------------------------------------------------------------------ literal numbers */

static int cmp_literal(const void *a, const void *b)
{
    const rule_match *x = *(rule_match *const *)a, *y = *(rule_match *const *)b;
    if (x->literal_len != y->literal_len)
        return x->literal_len < y->literal_len ? -1 : 1;
    return memcmp(x->literal, y->literal, x->literal_len);
}

/* Number the distinct literals of the pack's matches (rule_match.lit_id) and make room for the
 * prefilter's per-line state: a literal's bit in lit_found says it occurs in the message. */
rca_err rules_number_literals(rca_rules *r)
{
    rca_err rc = RCA_OK;
    size_t n = 0;
    for (size_t i = 0; i < r->nrules; i++)
        for (size_t k = 0; k < r->rules[i].nmatch; k++)
            n += r->rules[i].match[k].literal_len > 0;
    rule_match **all = malloc((n ? n : 1) * sizeof *all);
    if (!all)
        return RCA_ENOMEM;
    n = 0;
    for (size_t i = 0; i < r->nrules; i++)
        for (size_t k = 0; k < r->rules[i].nmatch; k++)
            if (r->rules[i].match[k].literal_len)
                all[n++] = &r->rules[i].match[k];
    if (n > 1)
        qsort(all, n, sizeof *all, cmp_literal);
    r->nlits = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && cmp_literal(&all[i - 1], &all[i]) != 0)
            r->nlits++;
        all[i]->lit_id = (uint32_t)r->nlits;
    }
    if (n)
        r->nlits++;
    size_t lwords = (r->nlits + 63) / 64 + 1, rwords = (r->nrules + 63) / 64 + 1;
    if (!(r->lit_found = calloc(lwords, sizeof *r->lit_found)) ||
        !(r->lit_seen = calloc(lwords, sizeof *r->lit_seen)) ||
        !(r->lit_hits = calloc(r->nlits + 1, sizeof *r->lit_hits)) ||
        !(r->cand = calloc(rwords, sizeof *r->cand)))
        rc = RCA_ENOMEM;
    free(all);
    return rc;
}

/* ------------------------------------------------------------------ filesets */

void rules_fileset_free(struct rca_fileset *fs)
{
    if (!fs->borrowed) {
        free(fs->rules);
        rules_prefilter_free(fs->pf);
        free(fs->lit_id);
        free(fs->lit_rules);
        free(fs->always);
    }
    free(fs->service);
    free(fs->path);
    free(fs);
}

/* The automaton over the literals of fs's rules, and which rules each literal lets through. A
 * set with fewer than min_literals literals, or whose automaton would be too large (RCA_ELIMIT),
 * keeps pf NULL: every rule is then tried and tests its literals with memmem, with the same
 * findings. Returns RCA_ENOMEM when memory ran out (pf NULL too). */
static rca_err fileset_prefilter(rca_rules *r, struct rca_fileset *fs, size_t min_literals)
{
    rca_err rc = RCA_OK;
    size_t nl = 0;
    fs->rwords = (fs->n + 63) / 64;
    uint32_t *local = malloc((r->nlits ? r->nlits : 1) * sizeof *local); /* lit_id -> index */
    const char **lits = malloc((r->nlits ? r->nlits : 1) * sizeof *lits);
    size_t *lens = malloc((r->nlits ? r->nlits : 1) * sizeof *lens);
    fs->always = calloc(fs->rwords ? fs->rwords : 1, sizeof *fs->always);
    fs->lit_id = malloc((r->nlits ? r->nlits : 1) * sizeof *fs->lit_id);
    if (!local || !lits || !lens || !fs->always || !fs->lit_id) {
        rc = RCA_ENOMEM;
        goto end;
    }
    for (size_t i = 0; i < r->nlits; i++)
        local[i] = UINT32_MAX;
    for (size_t i = 0; i < fs->n; i++)
        for (size_t k = 0; k < fs->rules[i]->nmatch; k++) {
            const rule_match *m = &fs->rules[i]->match[k];
            if (!m->literal_len) {
                fs->always[i / 64] |= UINT64_C(1) << (i % 64);
            } else if (local[m->lit_id] == UINT32_MAX) {
                local[m->lit_id] = (uint32_t)nl;
                lits[nl] = m->literal;
                lens[nl] = m->literal_len;
                fs->lit_id[nl++] = m->lit_id;
            }
        }
    if (!nl || nl < min_literals)
        goto end;
    if (!(fs->lit_rules = calloc(nl * fs->rwords, sizeof *fs->lit_rules))) {
        rc = RCA_ENOMEM;
        goto end;
    }
    for (size_t i = 0; i < fs->n; i++)
        for (size_t k = 0; k < fs->rules[i]->nmatch; k++) {
            const rule_match *m = &fs->rules[i]->match[k];
            if (m->literal_len)
                fs->lit_rules[local[m->lit_id] * fs->rwords + i / 64] |= UINT64_C(1) << (i % 64);
        }
    rc = rules_prefilter_new(lits, lens, nl, &fs->pf);
end:
    if (rc || !fs->pf) {
        free(fs->lit_id);
        free(fs->lit_rules);
        free(fs->always);
        fs->lit_id = NULL;
        fs->lit_rules = fs->always = NULL;
        fs->pf = NULL;
    }
    free(local);
    free(lits);
    free(lens);
    return rc == RCA_ELIMIT ? RCA_OK : rc;
}

/* ------------------------------------------------------------------ matching */

static int rule_selects(const rule *ru, const char *service, const char *path)
{
    for (size_t i = 0; i < ru->nservices; i++)
        if (service && strcmp(ru->services[i], service) == 0)
            return 1;
    for (size_t i = 0; i < ru->npaths; i++)
        if (rca_glob_match(ru->paths[i], path, strlen(path)))
            return 1;
    return 0;
}

rca_err rca_rules_for_file(rca_rules *r, const char *service, const char *path,
                          const rca_fileset **out)
{
    rca_err rc = RCA_OK;
    /* Most rules select by service, so sets are cached by service; a pack with path selectors
     * computes per file (cheap: a handful of globs), and a file that selects the same rules as an
     * earlier one shares its rules and prefilter. */
    int by_path = 0;
    for (size_t i = 0; i < r->nrules; i++)
        if (r->rules[i].npaths)
            by_path = 1;
    for (struct rca_fileset *fs = r->sets; fs; fs = fs->next) {
        int same_svc = (!fs->service && !service) ||
                       (fs->service && service && strcmp(fs->service, service) == 0);
        if (same_svc && (!by_path || (fs->path && strcmp(fs->path, path) == 0))) {
            *out = fs;
            return RCA_OK;
        }
    }
    struct rca_fileset *fs = calloc(1, sizeof *fs);
    if (!fs)
        return RCA_ENOMEM;
    fs->service = service ? strdup(service) : NULL;
    fs->path = by_path ? strdup(path) : NULL;
    fs->rules = calloc(r->nrules + 1, sizeof *fs->rules);
    if (!fs->rules || (service && !fs->service) || (by_path && !fs->path)) {
        rc = RCA_ENOMEM;
        goto fail;
    }
    for (size_t i = 0; i < r->nrules; i++)
        if (!r->rules[i].is_check && rule_selects(&r->rules[i], service, path))
            fs->rules[fs->n++] = &r->rules[i];
    const struct rca_fileset *same = NULL;
    for (const struct rca_fileset *o = r->sets; o && !same; o = o->next)
        if (o->n == fs->n &&
            (!fs->n || memcmp(o->rules, fs->rules, fs->n * sizeof *fs->rules) == 0))
            same = o;
    if (same) {
        free(fs->rules);
        fs->rules = same->rules;
        fs->pf = same->pf;
        fs->lit_id = same->lit_id;
        fs->lit_rules = same->lit_rules;
        fs->always = same->always;
        fs->rwords = same->rwords;
        fs->borrowed = 1;
    } else if ((rc = fileset_prefilter(r, fs, PREFILTER_MIN_LITERALS))) {
        goto fail;
    }
    fs->next = r->sets;
    r->sets = fs;
    *out = fs;
    return RCA_OK;
fail:
    rules_fileset_free(fs);
    return rc;
}

int rca_fileset_empty(const rca_fileset *fs)
{
    return fs->n == 0;
}

static void add_field(rca_buf *fields, int *first, const char *name, const char *v, size_t n)
{
    rca_json_member(fields, first, name, v, n);
}

static int logger_ok(const rule *ru, rca_span logger)
{
    if (!ru->nloggers)
        return 1;
    char name[256];
    size_t n = logger.n < sizeof name - 1 ? logger.n : sizeof name - 1;
    if (n)
        memcpy(name, logger.p, n);
    name[n] = '\0';
    for (size_t i = 0; i < ru->nloggers; i++)
        if (rca_glob_match(ru->loggers[i], name, n))
            return 1;
    return 0;
}

static int has_bit(const uint64_t *set, size_t i)
{
    return (int)(set[i / 64] >> (i % 64) & 1);
}

/* The outcome of one rule on one line. The line loop (try_rule) takes it as a return value, not
 * through rules_match_one's OUT parameter: this runs for every candidate rule of every line. */
enum { MATCH_NOMEM = -2, MATCH_GAVE_UP = -1, MATCH_NONE = 0, MATCH_FOUND = 1 };

static int match_one(rca_rules *r, rule *ru, const rca_logline *ll, const uint64_t *found,
                     rca_buf *fields, rca_buf *grp)
{
    if (ru->level_mask && !(ru->level_mask & (1u << ll->level)))
        return MATCH_NONE;
    if (!logger_ok(ru, ll->logger))
        return MATCH_NONE;
    const char *msg = ll->msg.p ? ll->msg.p : "";
    size_t mlen = ll->msg.n;
    for (size_t i = 0; i < ru->nmatch; i++) {
        rule_match *m = &ru->match[i];
        if (m->literal_len && (found ? !has_bit(found, m->lit_id)
                                     : mlen < m->literal_len ||
                                           !memmem(msg, mlen, m->literal, m->literal_len)))
            continue;
        int rc = pcre2_match(m->re, (PCRE2_SPTR)msg, mlen, 0, 0, ru->md, r->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            continue;
        if (rc < 0)
            return MATCH_GAVE_UP;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ru->md);
        int first = 1;
        rca_buf_reset(fields);
        rca_buf_reset(grp);
        rca_buf_adds(grp, ru->id);
        int have_instance = 0, have_port = 0;
        for (uint32_t g = 1; g <= m->ncap && (int)g < rc; g++) {
            const char *name = m->capnames[g];
            if (!name || ov[2 * g] == PCRE2_UNSET)
                continue;
            if (strcmp(name, "instance") == 0)
                have_instance = 1;
            if (strcmp(name, "port") == 0)
                have_port = 1;
            add_field(fields, &first, name, msg + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
        }
        /* identities: a capture, else the envelope, else what the message names in words (the
         * conductor's "... for instance <uuid>." has no [instance: ] prefix in several releases) */
        rca_msg_ids ids;
        rca_parse_msg_ids(msg, mlen, &ids);
        rca_span inst = ll->instance.n ? ll->instance : ids.instance;
        if (inst.n && !have_instance)
            add_field(fields, &first, "instance", inst.p, inst.n);
        if (ids.port.n && !have_port)
            add_field(fields, &first, "port", ids.port.p, ids.port.n);
        if (ll->req.n)
            add_field(fields, &first, "req", ll->req.p, ll->req.n);
        else if (ids.req.n)
            add_field(fields, &first, "req", ids.req.p, ids.req.n);
        if (ll->greq.n)
            add_field(fields, &first, "greq", ll->greq.p, ll->greq.n);
        rca_json_end(fields, first);
        /* the grouping key: the named fields, or every capture and the instance */
        if (ru->has_keys) {
            for (size_t k = 0; k < ru->nkeys; k++) {
                rca_buf_addc(grp, '|');
                const char *key = ru->keys[k];
                if (strcmp(key, "instance") == 0 && inst.n && !have_instance) {
                    rca_buf_add(grp, inst.p, inst.n);
                    continue;
                }
                for (uint32_t g = 1; g <= m->ncap && (int)g < rc; g++)
                    if (m->capnames[g] && strcmp(m->capnames[g], key) == 0 &&
                        ov[2 * g] != PCRE2_UNSET)
                        rca_buf_add(grp, msg + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            }
        } else {
            for (uint32_t g = 1; g <= m->ncap && (int)g < rc; g++) {
                if (!m->capnames[g] || ov[2 * g] == PCRE2_UNSET)
                    continue;
                rca_buf_addc(grp, '|');
                rca_buf_add(grp, msg + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            }
            if (inst.n && !have_instance) {
                rca_buf_addc(grp, '|');
                rca_buf_add(grp, inst.p, inst.n);
            }
        }
        return fields->p && grp->p ? MATCH_FOUND : MATCH_NOMEM;
    }
    return MATCH_NONE;
}

rca_err rules_match_one(rca_rules *r, rule *ru, const rca_logline *ll, const uint64_t *found,
                        rca_buf *fields, rca_buf *grp, int *matched)
{
    int m = match_one(r, ru, ll, found, fields, grp);
    if (m == MATCH_NOMEM)
        return RCA_ENOMEM;
    *matched = m;
    return RCA_OK;
}

/* Scan the line's message with fs's automaton: r->lit_found then marks the pack's literals that
 * occur in it, and r->cand the rules worth trying (a literal of one of their matches occurs, or
 * one of their matches needs none). Returns how many literals line_end has to clear. */
static size_t line_begin(rca_rules *r, const rca_fileset *fs, const rca_logline *ll)
{
    size_t nhits = rules_prefilter_scan(fs->pf, ll->msg.p ? ll->msg.p : "", ll->msg.n, r->lit_seen,
                                        r->lit_hits);
    memcpy(r->cand, fs->always, fs->rwords * sizeof *r->cand);
    for (size_t h = 0; h < nhits; h++) {
        uint32_t l = r->lit_hits[h];
        const uint64_t *rules = fs->lit_rules + (size_t)l * fs->rwords;
        for (size_t w = 0; w < fs->rwords; w++)
            r->cand[w] |= rules[w];
        r->lit_found[fs->lit_id[l] / 64] |= UINT64_C(1) << (fs->lit_id[l] % 64);
    }
    return nhits;
}

static void line_end(rca_rules *r, const rca_fileset *fs, size_t nhits)
{
    for (size_t h = 0; h < nhits; h++) {
        uint32_t l = r->lit_hits[h];
        r->lit_seen[l / 64] &= ~(UINT64_C(1) << (l % 64));
        r->lit_found[fs->lit_id[l] / 64] &= ~(UINT64_C(1) << (fs->lit_id[l] % 64));
    }
}

/* Run one rule and store its hit. */
static rca_err try_rule(rca_rules *r, rule *ru, const uint64_t *found, rca_store *s,
                        int64_t host_id, int64_t file_id, int64_t lineno, double ts,
                        const rca_logline *ll, rca_diag *diag)
{
    int m = match_one(r, ru, ll, found, &r->scratch, &r->grp);
    if (m == MATCH_NONE)
        return RCA_OK;
    if (m == MATCH_NOMEM)
        return RCA_ENOMEM;
    if (m == MATCH_GAVE_UP) {
        /* located at the line matched; the caller's sink knows the bundle and entry */
        if (r->match_limit_warnings++ < 10)
            rca_diagf(diag, RCA_DIAG_WARNING, NULL, NULL,
                      lineno > 0 && lineno <= UINT_MAX ? (unsigned)lineno : 0, 0, NULL,
                      "rule %s (%s:%u): the regex gave up on this line (match limit); "
                      "treated as no match",
                      ru->id, ru->file, ru->line);
        return RCA_OK;
    }
    char hostbuf[32];
    snprintf(hostbuf, sizeof hostbuf, "|h%lld", (long long)host_id);
    rca_buf_adds(&r->grp, hostbuf);
    return rca_store_add_hit(s, ru->id, r->grp.p, host_id, file_id, lineno, ts, r->scratch.p);
}

rca_err rca_rules_match_line(rca_rules *r, const rca_fileset *fs, rca_store *s, int64_t host_id,
                             int64_t file_id, int64_t lineno, double ts, const rca_logline *ll,
                             const char *raw, size_t rawlen, rca_diag *diag)
{
    (void)raw;
    (void)rawlen;
    rca_err rc = RCA_OK;
    size_t nhits = 0;
    if (!fs->pf) {
        for (size_t i = 0; i < fs->n && !rc; i++)
            rc = try_rule(r, fs->rules[i], NULL, s, host_id, file_id, lineno, ts, ll, diag);
        goto end;
    }
    /* the candidates in the order of the pack, as if every rule had been tried */
    nhits = line_begin(r, fs, ll);
    for (size_t w = 0; w < fs->rwords; w++)
        for (uint64_t bits = r->cand[w]; bits; bits &= bits - 1) {
            size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
            if ((rc = try_rule(r, fs->rules[i], r->lit_found, s, host_id, file_id, lineno, ts, ll,
                               diag)))
                goto end;
        }
end:
    line_end(r, fs, nhits);
    return rc;
}

rca_err rules_match_alone(rca_rules *r, rule *ru, const rca_logline *ll, rca_buf *fields,
                          rca_buf *grp, int *matched)
{
    struct rca_fileset fs = {0};
    rule *one[1] = {ru};
    fs.rules = one;
    fs.n = 1;
    *matched = 0;
    /* the automaton even for one literal: lint's samples try it on every rule of the pack */
    rca_err rc = fileset_prefilter(r, &fs, 1);
    if (rc)
        return rc;
    if (!fs.pf) {
        rc = rules_match_one(r, ru, ll, NULL, fields, grp, matched);
    } else {
        size_t nhits = line_begin(r, &fs, ll);
        if (r->cand[0] & 1)
            rc = rules_match_one(r, ru, ll, r->lit_found, fields, grp, matched);
        line_end(r, &fs, nhits);
    }
    rules_prefilter_free(fs.pf);
    free(fs.lit_id);
    free(fs.lit_rules);
    free(fs.always);
    return rc;
}
