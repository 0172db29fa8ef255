/* literal.c - the literal prefilter's front half: the longest run of plain bytes that every match
 * of a regex must contain, read from the regex text alone (no PCRE2). compile.c stores it with
 * each match; match.c builds the automaton over them (prefilter.c) so that most regexes never run
 * on a line. A literal is only ever a necessary condition: when in doubt (alternation, optional or
 * repeated groups, classes, escapes it does not know) the finder gives less, never more. Rules
 * stage.
 */
#include <ctype.h>
#include <string.h>

#include "rules_internal.h"

/* The longest literal looked for, and the room for a group's text read on its own. */
enum { LITERAL_MAX = 256 };

/* Skip a parenthesised group or a character class starting at p; returns the char after it. */
static const char *skip_group(const char *p)
{
    char open = *p, close = open == '(' ? ')' : ']';
    int depth = 0;
    int in_class = 0;
    if (open == '[') {
        /* a ']' right after '[' or '[^' is a member, not the end */
        p++;
        if (*p == '^')
            p++;
        if (*p == ']')
            p++;
        for (; *p; p++) {
            if (*p == '\\' && p[1]) {
                p++;
                continue;
            }
            if (*p == '[' && p[1] == ':') { /* [:alpha:] */
                const char *e = strstr(p + 2, ":]");
                if (e) {
                    p = e + 1;
                    continue;
                }
            }
            if (*p == ']')
                return p + 1;
        }
        return p;
    }
    for (; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (open == '(') {
            if (in_class) {
                if (*p == ']')
                    in_class = 0;
                continue;
            }
            if (*p == '[') {
                in_class = 1;
                if (p[1] == ']')
                    p++;
                continue;
            }
        } else if (depth == 1 && *p == close && p[-1] != '[') {
            return p + 1;
        }
        if (*p == open && (open == '(' || depth == 0))
            depth++;
        else if (*p == close && open == '(' && --depth == 0)
            return p + 1;
    }
    return p;
}

/* The longest literal of re into best (LITERAL_MAX bytes, not terminated): its length, 0 when
 * there is none of 3 bytes or more. */
static size_t longest_literal(const char *re, char *best)
{
    char cur[LITERAL_MAX];
    size_t bn = 0, cn = 0;
    const char *p = re;
    /* a top-level alternation means no single literal is required */
    for (const char *q = re; *q;) {
        if (*q == '\\' && q[1]) {
            q += 2;
            continue;
        }
        if (*q == '(' || *q == '[') {
            q = skip_group(q);
            continue;
        }
        if (*q == '|')
            return 0;
        q++;
    }
    /* verbs, and inline flags that change what a literal means (caseless, extended) */
    if (strstr(re, "(*"))
        return 0;
    for (const char *q = strstr(re, "(?"); q; q = strstr(q + 2, "(?")) {
        const char *f = q + 2;
        while (*f && ((*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z') || *f == '-' ||
                      *f == '^'))
            f++;
        if ((*f == ')' || *f == ':') && (memchr(q + 2, 'i', (size_t)(f - q - 2)) ||
                                        memchr(q + 2, 'x', (size_t)(f - q - 2))))
            return 0;
    }
#define FLUSH()                                                                                    \
    do {                                                                                           \
        if (cn > bn) {                                                                             \
            memcpy(best, cur, cn);                                                                 \
            bn = cn;                                                                               \
        }                                                                                          \
        cn = 0;                                                                                    \
    } while (0)
    while (*p) {
        char c = *p;
        char lit = 0;
        const char *next = p + 1;
        if (c == '\\') {
            char e = p[1];
            if (!e)
                break;
            next = p + 2;
            if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
                /* \d \s \b, \x41, \101, \k<name>, \p{L} ...: not a literal character, and
                 * what follows the letter belongs to it */
                FLUSH();
                if (e == 'Q' || e == 'E')
                    return 0;
                if (*next == '{') {
                    while (*next && *next != '}')
                        next++;
                    if (*next)
                        next++;
                } else if ((e == 'k' || e == 'g') && (*next == '<' || *next == '\'')) {
                    char close = *next == '<' ? '>' : '\'';
                    next++;
                    while (*next && *next != close)
                        next++;
                    if (*next)
                        next++;
                } else if (e == 'x') {
                    for (int k = 0; k < 2 && isxdigit((unsigned char)*next); k++)
                        next++;
                } else if (e == 'c' && *next) {
                    next++;
                } else if (e >= '0' && e <= '9') {
                    while (*next >= '0' && *next <= '9')
                        next++;
                } else if (e == 'g') {
                    if (*next == '-' || *next == '+')
                        next++;
                    while (*next >= '0' && *next <= '9')
                        next++;
                }
                p = next;
                continue;
            }
            lit = e;
        } else if (c == '(' || c == '[') {
            FLUSH();
            next = skip_group(p);
            /* a group that must match (capturing, named or (?:...), not a lookaround, no
             * quantifier) contributes its own required literal */
            int optional = *next == '*' || *next == '?' || (*next == '{' && next[1] == '0');
            if (c == '(' && !optional && (p[1] != '?' || p[2] == ':' || p[2] == '<' || p[2] == 'P') &&
                !(p[1] == '?' && p[2] == '<' && (p[3] == '=' || p[3] == '!'))) {
                const char *body = p + 1;
                if (p[1] == '?' && p[2] == ':')
                    body = p + 3;
                else if (p[1] == '?' && (p[2] == '<' || p[2] == 'P')) {
                    const char *gt = strchr(p, '>');
                    body = gt && gt < next ? gt + 1 : next - 1;
                }
                size_t blen = next > body ? (size_t)(next - 1 - body) : 0;
                char inner[256];
                if (blen < sizeof inner) {
                    memcpy(inner, body, blen);
                    inner[blen] = '\0';
                    char glit[LITERAL_MAX];
                    size_t gl = longest_literal(inner, glit);
                    if (gl > bn && gl < LITERAL_MAX) {
                        bn = gl;
                        memcpy(best, glit, bn);
                    }
                }
            }
            /* a quantifier after the group */
            if (*next == '*' || *next == '?' || *next == '+' || *next == '{') {
                while (*next && *next != '}' && (*next == '{' || *next == ',' ||
                                                 (*next >= '0' && *next <= '9')))
                    next++;
                if (*next == '}' || *next == '*' || *next == '?' || *next == '+')
                    next++;
            }
            p = next;
            continue;
        } else if (c == '.' || c == '^' || c == '$') {
            FLUSH();
            p = next;
            continue;
        } else if (c == '*' || c == '?' || c == '+' || c == '{') {
            /* a quantifier: after `*`, `?`, `{0,..}` or `{,..}` the previous character may be
             * absent, so it leaves the literal; after `+` or `{n,..}` the literal ends there */
            if (cn && c != '+' && (c != '{' || p[1] == '0' || p[1] == ','))
                cn--;
            FLUSH();
            if (c == '{') {
                while (*next && *next != '}')
                    next++;
                if (*next == '}')
                    next++;
            }
            if (*next == '?' || *next == '+')
                next++;
            p = next;
            continue;
        } else {
            lit = c;
        }
        /* a quantifier on this character makes it optional or repeated */
        if (*next == '*' || *next == '?' || (*next == '{' && (next[1] == '0' || next[1] == ','))) {
            FLUSH();
            p = next;
            continue;
        }
        if (cn < sizeof cur - 1)
            cur[cn++] = lit;
        p = next;
    }
    FLUSH();
#undef FLUSH
    return bn < 3 ? 0 : bn;
}

rca_err rules_required_literal(rca_arena *a, const char *re, char **out)
{
    char best[LITERAL_MAX];
    size_t n = longest_literal(re, best);
    char *lit = NULL;
    if (n && !(lit = rca_arena_strndup(a, best, n)))
        return RCA_ENOMEM;
    *out = lit;
    return RCA_OK;
}
