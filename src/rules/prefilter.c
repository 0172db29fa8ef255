/* prefilter.c - the literal prefilter of line rules: an Aho-Corasick automaton over the literals
 * that the matches of a fileset's rules must contain (`literal`, or rules_required_literal), so
 * that one pass over a log message tells which of them occur in it, however many rules the pack
 * has. match.c builds one per fileset when a file first selects its rules and scans every log
 * message with it before any regex runs. Rules stage.
 *
 * The automaton is a dense DFA: every state has a next state for every byte class, so the scan is
 * one table lookup per byte and never follows a failure link. Each byte that occurs in some literal
 * has a class of its own and every other byte shares class 0, which leads back to the root from
 * every state; the table is then states x classes (a few dozen classes for real rules) instead of
 * states x 256. Bytes compare exactly, case-sensitive, as memmem does.
 */
#include <stdlib.h>
#include <string.h>

#include "rules_internal.h"

/* The largest table (states x classes cells of 4 bytes: 32 MiB) and output list built; a set of
 * literals beyond that gets RCA_ELIMIT and the fileset keeps testing each literal with memmem. */
enum { MAX_CELLS = 1 << 23, MAX_OUTPUTS = 1 << 23 };

struct prefilter {
    uint16_t cls[256];  /* byte -> class */
    uint32_t ncls;
    uint32_t nstates;
    /* next[s * ncls + class] = t * ncls for the next state t: states are kept premultiplied by
     * ncls, so that the scan does no multiplication, and numbered so that those where a literal
     * ends come last, from first_out on, so that one comparison tells them */
    uint32_t *next;
    uint32_t first_out;  /* premultiplied */
    uint32_t *out_off;   /* the literals that end at state s: out[out_off[s] .. out_off[s + 1]) */
    uint32_t *out;
    uint32_t *empty;     /* the empty literals: in every text, as memmem has it */
    size_t nempty, nlits;
};

void rules_prefilter_free(prefilter *pf)
{
    if (!pf)
        return;
    free(pf->next);
    free(pf->out_off);
    free(pf->out);
    free(pf->empty);
    free(pf);
}

/* Room for one more state in the trie (a row of zeros: no child yet). */
static rca_err add_state(prefilter *pf, size_t *cap, uint32_t **first_end, uint32_t *state)
{
    if (pf->nstates == *cap) {
        size_t nc = *cap * 2;
        if (nc * pf->ncls > MAX_CELLS)
            nc = MAX_CELLS / pf->ncls;
        if (nc <= *cap)
            return RCA_ELIMIT;
        uint32_t *nn = realloc(pf->next, nc * pf->ncls * sizeof *nn);
        if (!nn)
            return RCA_ENOMEM;
        pf->next = nn;
        uint32_t *nf = realloc(*first_end, nc * sizeof *nf);
        if (!nf)
            return RCA_ENOMEM;
        *first_end = nf;
        *cap = nc;
    }
    *state = pf->nstates++;
    memset(pf->next + (size_t)*state * pf->ncls, 0, pf->ncls * sizeof *pf->next);
    (*first_end)[*state] = UINT32_MAX;
    return RCA_OK;
}

rca_err rules_prefilter_new(const char *const *lits, const size_t *lens, size_t n, prefilter **out)
{
    rca_err rc = RCA_OK;
    uint32_t *first_end = NULL, *end_next = NULL, *fail = NULL, *queue = NULL, *count = NULL;
    uint32_t *renum = NULL, *table = NULL;
    size_t cap = 0;
    prefilter *pf = calloc(1, sizeof *pf);
    if (!pf || n >= UINT32_MAX) {
        rc = pf ? RCA_ELIMIT : RCA_ENOMEM;
        goto end;
    }
    pf->nlits = n;

    /* byte classes: 1.. for the bytes of the literals, in byte order; 0 for the others */
    unsigned char used[256] = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < lens[i]; k++)
            used[(unsigned char)lits[i][k]] = 1;
    pf->ncls = 1;
    for (int b = 0; b < 256; b++)
        pf->cls[b] = used[b] ? (uint16_t)pf->ncls++ : 0;

    /* the trie, in the table itself: 0 is both the root and "no child yet", since no edge of a
     * trie leads back to its root; first_end/end_next chain the literals ending at a state */
    cap = 64;
    if (!(end_next = malloc((n ? n : 1) * sizeof *end_next)) ||
        !(pf->empty = malloc((n ? n : 1) * sizeof *pf->empty)) ||
        !(pf->next = malloc(cap * pf->ncls * sizeof *pf->next)) ||
        !(first_end = malloc(cap * sizeof *first_end))) {
        rc = RCA_ENOMEM;
        goto end;
    }
    uint32_t root;
    if ((rc = add_state(pf, &cap, &first_end, &root)))
        goto end;
    for (size_t i = 0; i < n; i++) {
        if (!lens[i]) {
            pf->empty[pf->nempty++] = (uint32_t)i;
            continue;
        }
        uint32_t s = root;
        for (size_t k = 0; k < lens[i]; k++) {
            size_t cell = (size_t)s * pf->ncls + pf->cls[(unsigned char)lits[i][k]];
            if (!pf->next[cell]) {
                uint32_t t;
                if ((rc = add_state(pf, &cap, &first_end, &t)))
                    goto end;
                pf->next[cell] = t;
            }
            s = pf->next[cell];
        }
        end_next[i] = first_end[s];
        first_end[s] = (uint32_t)i;
    }

    /* breadth first: a state's failure state is shallower, so its row is complete by the time
     * the state's missing edges copy it, and its outputs are known when the state's are counted */
    size_t ns = pf->nstates;
    if (!(fail = calloc(ns, sizeof *fail)) || !(queue = malloc(ns * sizeof *queue)) ||
        !(count = calloc(ns, sizeof *count)) || !(renum = malloc(ns * sizeof *renum)) ||
        !(pf->out_off = calloc(ns + 1, sizeof *pf->out_off))) {
        rc = RCA_ENOMEM;
        goto end;
    }
    size_t qn = 0;
    queue[qn++] = root;
    for (size_t qi = 0; qi < qn; qi++) {
        uint32_t s = queue[qi];
        uint32_t *row = pf->next + (size_t)s * pf->ncls;
        const uint32_t *frow = pf->next + (size_t)fail[s] * pf->ncls;
        for (uint32_t c = 0; c < pf->ncls; c++) {
            uint32_t t = row[c];
            if (t) {
                fail[t] = s == root ? root : frow[c];
                queue[qn++] = t;
            } else if (s != root) {
                row[c] = frow[c];
            }
        }
    }
    /* outputs of a state: the literals ending there, then those of its failure state */
    size_t total = 0, nquiet = 0;
    for (size_t qi = 0; qi < ns; qi++) {
        uint32_t s = queue[qi];
        size_t c = s == root ? 0 : count[fail[s]];
        for (uint32_t i = first_end[s]; i != UINT32_MAX; i = end_next[i])
            c++;
        if (c > MAX_OUTPUTS || total + c > MAX_OUTPUTS) {
            rc = RCA_ELIMIT;
            goto end;
        }
        count[s] = (uint32_t)c;
        total += c;
        nquiet += c == 0;
    }
    /* new numbers: the quiet states in breadth-first order (the root stays 0), then the others */
    for (size_t qi = 0, q = 0, o = nquiet; qi < ns; qi++)
        renum[queue[qi]] = (uint32_t)(count[queue[qi]] ? o++ : q++);
    pf->first_out = (uint32_t)(nquiet * pf->ncls);
    for (size_t s = 0; s < ns; s++)
        pf->out_off[renum[s] + 1] = count[s];
    for (size_t s = 0; s < ns; s++)
        pf->out_off[s + 1] += pf->out_off[s];
    if (!(pf->out = malloc((total ? total : 1) * sizeof *pf->out)) ||
        !(table = malloc(ns * pf->ncls * sizeof *table))) {
        rc = RCA_ENOMEM;
        goto end;
    }
    for (size_t qi = 0; qi < ns; qi++) {
        uint32_t s = queue[qi];
        uint32_t *o = pf->out + pf->out_off[renum[s]];
        for (uint32_t i = first_end[s]; i != UINT32_MAX; i = end_next[i])
            *o++ = i;
        if (s != root)
            memcpy(o, pf->out + pf->out_off[renum[fail[s]]], count[fail[s]] * sizeof *o);
    }
    for (size_t s = 0; s < ns; s++) {
        const uint32_t *row = pf->next + s * pf->ncls;
        uint32_t *to = table + (size_t)renum[s] * pf->ncls;
        for (uint32_t c = 0; c < pf->ncls; c++)
            to[c] = renum[row[c]] * pf->ncls;
    }
    free(pf->next);
    pf->next = table;
    table = NULL;
    *out = pf;
    pf = NULL;
end:
    rules_prefilter_free(pf);
    free(first_end);
    free(end_next);
    free(fail);
    free(queue);
    free(count);
    free(renum);
    free(table);
    return rc;
}

size_t rules_prefilter_count(const prefilter *pf)
{
    return pf->nlits;
}

/* Literal i occurs: mark it the first time. */
static size_t mark(uint32_t i, uint64_t *found, uint32_t *hits, size_t nh)
{
    uint64_t bit = UINT64_C(1) << (i & 63);
    if (!(found[i >> 6] & bit)) {
        found[i >> 6] |= bit;
        if (hits)
            hits[nh] = i;
        nh++;
    }
    return nh;
}

/* The literals that end at state s (premultiplied), out of the scan loop to keep it small. */
__attribute__((noinline)) static size_t report(const prefilter *pf, size_t s, uint64_t *found,
                                               uint32_t *hits, size_t nh)
{
    s /= pf->ncls;
    for (uint32_t k = pf->out_off[s]; k < pf->out_off[s + 1]; k++)
        nh = mark(pf->out[k], found, hits, nh);
    return nh;
}

size_t rules_prefilter_scan(const prefilter *pf, const void *text, size_t len, uint64_t *found,
                            uint32_t *hits)
{
    const unsigned char *p = text, *end = p + len;
    const uint32_t *next = pf->next;
    const uint16_t *cls = pf->cls;
    const size_t first_out = pf->first_out;
    size_t s = 0, nh = 0;
    for (size_t k = 0; k < pf->nempty; k++)
        nh = mark(pf->empty[k], found, hits, nh);
#define STEP(byte)                                                                                 \
    do {                                                                                           \
        s = next[s + cls[byte]];                                                                   \
        if (s >= first_out)                                                                        \
            nh = report(pf, s, found, hits, nh);                                                   \
    } while (0)
    /* four bytes a round: the loop's own test and increment are a third of a one-byte round */
    for (; end - p >= 4; p += 4) {
        STEP(p[0]);
        STEP(p[1]);
        STEP(p[2]);
        STEP(p[3]);
    }
    for (; p < end; p++)
        STEP(*p);
#undef STEP
    return nh;
}
