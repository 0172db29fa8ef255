/* version.c - the libarchive this binary runs with (`sosrca --version`). */
#include <archive.h>

#include "rca_ingest.h"

const char *rca_ingest_lib_version(void)
{
    /* "libarchive 3.6.2 zlib/1.2.13 liblzma/5.4.1 bz2lib/1.0.8 libzstd/1.5.4 ..." */
    return archive_version_details();
}
