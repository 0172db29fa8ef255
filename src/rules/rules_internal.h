/* rules_internal.h - private to src/rules: the compiled form of a rule pack. */
#ifndef RCA_RULES_INTERNAL_H
#define RCA_RULES_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "rca_ingest.h"
#include "rca_rules.h"

/* Where a value was written: its line, the column of its first character, and the source line
 * (for the caret), NULL when the value came from a `|` or `>` block. */
typedef struct src_pos {
    unsigned line, col;
    const char *text;
} src_pos;

typedef struct rule_match {
    char *src;             /* the regex as written */
    unsigned line, col;    /* where it was written (col of the regex's first character) */
    char *line_text;       /* the whole source line, for the caret under a regex error */
    pcre2_code *re;
    char *literal;         /* a literal every match contains (prefilter), or NULL */
    size_t literal_len;
    uint32_t lit_id;       /* the literal's number in the pack (same text, same number) */
    /* capture names of this alternative in group order (index = group number), NULL where
     * unnamed: alternatives number their groups each their own way */
    char **capnames;
    uint32_t ncap;
} rule_match;

typedef struct key_pair {
    char *cause_field, *effect_field;
    unsigned col;          /* column of `cause_field` in its line (0 when unknown) */
} key_pair;

typedef struct cause_clause {
    char *target;          /* rule id or code of the findings this rule explains */
    key_pair *keys;
    size_t nkeys;
    double within;         /* seconds; < 0: no window (the cause only has to start first) */
    int same_host;
    unsigned line;
    src_pos pos;           /* the value of the `explains` line */
    int target_is_code;    /* resolved at load */
} cause_clause;

/* `until MARKER on KEY`: a hit of MARKER after the finding closes the cause's window.
 * `borrow FIELD from TARGET on KEY`: copy FIELD from a finding of TARGET with the same KEY. */
typedef struct link_clause {
    char *target;
    char *field;           /* borrow only: the field to set ... */
    char *src_field;       /* ... from this field of the other finding */
    key_pair *keys;
    size_t nkeys;
    unsigned line;
    src_pos pos;
    int target_is_code;
} link_clause;

/* `yields NAME=VALUE ...` under a sample: a field the sample's match must give that value (a line
 * rule), or a result column some row of the check must have with that value (a check). */
typedef struct yield_field {
    char *name, *value;    /* value NULL: SQL NULL (written NULL) */
    src_pos pos;           /* col: the column of NAME */
} yield_field;

/* `reads ID ...` in a check: one rule, marker or code the check's SQL reads by name. */
typedef struct read_ref {
    char *id;
    src_pos pos;           /* col: the column of ID */
} read_ref;

typedef struct sample {
    char *text;
    int must_fire;
    unsigned line;
    unsigned col;          /* the column of its text (of each fixture row in a block) */
    yield_field *yields;
    size_t nyields;
} sample;

typedef struct rule {
    char *id;
    const char *file;      /* owned by the pack's arena */
    unsigned line;
    int is_check;
    int is_marker;         /* a marker makes hits for other rules, never a finding */
    int is_coverage;       /* a check (is_check too) whose rows say what could not be examined:
                              never a finding, run after the findings are stored */
    int is_roles;          /* a check (is_check too) whose rows give each host its roles (its
                              host_id and roles columns): run before every other check */
    char *code, *cls, *severity;
    char **services, **paths;
    size_t nservices, npaths;
    unsigned level_mask;   /* bit per rca_level; 0 = any */
    char **loggers;
    size_t nloggers;
    rule_match *match;
    size_t nmatch;
    char **keys;           /* grouping fields; NULL = every capture + instance */
    size_t nkeys;
    src_pos key_pos;       /* the `key` line */
    unsigned *key_cols;    /* the column of each key there (0 when unknown) */
    int has_keys;
    char *title, *explain, *remedy;
    src_pos title_pos, explain_pos, remedy_pos;
    char **refs;
    size_t nrefs;
    cause_clause *explains;
    size_t nexplains;
    link_clause *untils, *borrows;
    size_t nuntils, nborrows;
    /* `for 60s` / `min-count 3`: how long a failure must last, or how often it must repeat, to
     * count. A finding that meets neither, recovered (or never repeated) and explains nothing is
     * information, not a problem. persist_s < 0 and min_count 0: not declared. */
    double persist_s;
    unsigned min_count;
    /* checks: `needs TABLE ...: words`, the tables or views without whose rows the check cannot
     * say anything, and what they are in plain words ("not proven: <words> missing") */
    char **needs;
    size_t nneeds;
    char *needs_words;
    unsigned needs_line;
    /* checks: `reads ID ...`, the rules, markers and codes whose hits or findings the SQL reads by
     * name: lint resolves each, and refuses a quoted id in the SQL that is not declared */
    read_ref *reads;
    size_t nreads;
    sample *samples;
    size_t nsamples;
    char *sql;
    unsigned sql_line;
    unsigned sql_col;      /* column of the SQL's first character on each of its lines */
    const char *sql_src;   /* the source line of a one-line `sql`, NULL for a block */
    /* a check's result columns, from preparing its SQL (lint); cols_known 0 when not known */
    char **cols;
    size_t ncols;
    int cols_known;
    pcre2_match_data *md;
    uint32_t ncap;         /* the most capture groups of any alternative */
} rule;

typedef struct code_info {
    char *code, *cls;
    rca_code_words words; /* the optional key=value columns */
} code_info;

/* prefilter.c: an Aho-Corasick automaton over a set of literals. */
typedef struct prefilter prefilter;

struct rca_fileset {
    rule **rules;
    size_t n;
    struct rca_fileset *next; /* cache chain */
    char *service, *path;
    /* The literal prefilter of these rules; pf is NULL when no match has a literal (every rule is
     * tried) or the automaton could not be built (each literal is then tested with memmem). */
    prefilter *pf;
    uint32_t *lit_id;         /* the automaton's literal i is the pack's literal lit_id[i] */
    uint64_t *lit_rules;      /* literal i: a bitset (rwords words) of the rules, by position in
                                 `rules`, with a match that needs it */
    uint64_t *always;         /* the rules with a match that needs no literal: tried on any line */
    size_t rwords;
    int borrowed;             /* rules and prefilter belong to an earlier set with the same rules */
};

struct rca_rules {
    rca_arena *arena;
    rule *rules;
    size_t nrules, caprules;
    code_info *codes;
    size_t ncodes;
    rca_layout *layout;
    struct rca_fileset *sets;    /* cache by (service, path) */
    rca_buf scratch, grp;
    pcre2_match_context *mctx;   /* match and depth limits: no regex may hang on a long line */
    unsigned match_limit_warnings;
    /* the prefilter's state during one line, cleared after it */
    size_t nlits;                /* distinct literals in the pack (rule_match.lit_id) */
    uint64_t *lit_found;         /* by lit_id: the literal occurs in the message */
    uint64_t *lit_seen;          /* by the fileset automaton's literal index (its scan bitset) */
    uint32_t *lit_hits;          /* the automaton literals found, to clear both bitsets */
    uint64_t *cand;              /* the rules worth trying, by position in the fileset */
};

/* rulefile.c */
rca_err rules_parse_file(rca_rules *r, const char *path, const char *text, size_t len,
                         rca_diag *diag);
rca_err rules_parse_codes(rca_rules *r, const char *path, const char *text, size_t len,
                          rca_diag *diag);
const code_info *rules_code(const rca_rules *r, const char *code);
rule *rules_find(const rca_rules *r, const char *id);

/* Split "k=v k2='v 2' k3=\"v 3\"" (buf is modified; keys[i], vals[i] point into it, offs[i] is
 * the offset of key i in the original text, when offs is not NULL). Returns the number of pairs,
 * or -1 when the text is not pairs (a word without '=', an unclosed quote). */
int rules_split_pairs(char *buf, char **keys, char **vals, unsigned *offs, int max);

/* compile.c: rca_rules_load and rca_rules_free (public); it calls into every file below. */

/* literal.c */
/* The longest literal (3 bytes or more) that every match of `re` must contain. OUT *out: an arena
 * copy, or NULL when there is none. Returns RCA_ENOMEM when the copy could not be made. */
rca_err rules_required_literal(rca_arena *a, const char *re, char **out);

/* lint.c: what lint checks of the loaded pack; each reports to diag and returns RCA_ESYNTAX when
 * the pack is wrong, RCA_ENOMEM when it could not tell. */
/* Codes, keys each kind of rule needs, samples present, until/borrow/explains targets (sets
 * target_is_code and each rule's class). */
rca_err rules_validate(rca_rules *r, rca_diag *diag);
/* No rule explains, through `explains`, its own effect. */
rca_err rules_check_cause_loops(rca_rules *r, rca_diag *diag);
/* What lint checks once the pack's regexes and checks' columns are known: every {field} of a
 * title, every field an explains/until/borrow compares or copies, is one the rules can produce;
 * every rule id a check's SQL compares a `rule` column with exists. */
rca_err rules_check_fields(rca_rules *r, rca_diag *diag);
/* Whether ru can give its findings the field `name` (a capture of some alternative, a built-in
 * field, a borrowed field, a check's result column). A check whose columns are unknown produces
 * anything (its SQL error is reported on its own). */
int rules_produces(const rule *ru, const char *name);

/* samples.c */
rca_err rules_check_samples(rca_rules *r, rca_diag *diag);

/* match.c */
/* Number the distinct literals of the pack's matches (rule_match.lit_id) and make room for the
 * prefilter's per-line state. */
rca_err rules_number_literals(rca_rules *r);
/* Free one cached fileset (its rules and prefilter unless borrowed). */
void rules_fileset_free(struct rca_fileset *fs);
/* Run one rule on a parsed line. OUT *matched: 1 when it matched (*fields then holds a JSON object
 * of its captures, *grp its grouping key), 0 when not, -1 when PCRE2 gave up (match limit).
 * `found` is the bitset (by lit_id) of the pack's literals that occur in the line's message, from
 * the fileset's prefilter; NULL tests each match's literal with memmem. Returns RCA_ENOMEM when
 * the fields could not be built. */
rca_err rules_match_one(rca_rules *r, rule *ru, const rca_logline *ll, const uint64_t *found,
                        rca_buf *fields, rca_buf *grp, int *matched);
/* The same for a rule on its own, with its literals through a prefilter automaton as
 * rca_rules_match_line runs them for a file with many rules (lint's samples: every rule's
 * literals go through the automaton at least there). */
rca_err rules_match_alone(rca_rules *r, rule *ru, const rca_logline *ll, rca_buf *fields,
                          rca_buf *grp, int *matched);

/* prefilter.c */
/* An automaton that finds which of the n literals lits[i] (lens[i] bytes each, any bytes) occur in
 * a text. The automaton keeps no pointer to them; duplicates are allowed. Returns RCA_ENOMEM,
 * or RCA_ELIMIT when its table would pass 32 MiB. On success *out owns the automaton. */
rca_err rules_prefilter_new(const char *const *lits, const size_t *lens, size_t n,
                            prefilter **out);
void rules_prefilter_free(prefilter *pf);
/* The number of literals it was built with. */
size_t rules_prefilter_count(const prefilter *pf);
/* One pass over text[0..len): sets bit i of `found` (ceil(n / 64) words, which the caller zeroes
 * before the first scan) for every literal i that occurs in text, byte for byte as memmem finds
 * it; an empty literal occurs in every text. Each literal newly marked is also appended to hits
 * (room for n indices) when hits is not NULL. Returns the number of literals newly marked. */
size_t rules_prefilter_scan(const prefilter *pf, const void *text, size_t len, uint64_t *found,
                            uint32_t *hits);

#endif
