/* version.c - the jansson this binary runs with (`sosrca --version`). */
#include <jansson.h>
#include <stdio.h>

#include "rca_parse.h"

const char *rca_parse_lib_version(void)
{
    static char buf[64];
    snprintf(buf, sizeof buf, "jansson %s", jansson_version_str());
    return buf;
}
