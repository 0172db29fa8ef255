/* version.c - the SQLite this binary runs with (`sosrca --version`). */
#include <sqlite3.h>
#include <stdio.h>

#include "rca_store.h"

const char *rca_store_lib_version(void)
{
    static char buf[64];
    snprintf(buf, sizeof buf, "SQLite %s", sqlite3_libversion());
    return buf;
}
