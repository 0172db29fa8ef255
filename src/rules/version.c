/* version.c - the PCRE2 this binary runs with (`sosrca --version`). */
#include <stdio.h>

#include "rules_internal.h"

const char *rca_rules_lib_version(void)
{
    static char buf[96];
    char v[64] = "";
    if (pcre2_config(PCRE2_CONFIG_VERSION, v) < 0)
        snprintf(v, sizeof v, "unknown");
    snprintf(buf, sizeof buf, "PCRE2 %s", v);
    return buf;
}
