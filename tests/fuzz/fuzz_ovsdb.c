/* fuzz_ovsdb.c - libFuzzer target for the OVSDB database-file reader (parser "ovsdb-file": the
 * "OVSDB JSON <len> <sha1>" record log of conf.db, ovnsb_db.db and ovnnb_db.db, replayed with
 * jansson). The first byte picks the database name the layout map would give.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct {
        const char *path, *db;
    } dbs[] = {
        {"etc/openvswitch/conf.db", "Open_vSwitch"},
        {"var/lib/ovn/ovnsb_db.db", "OVN_Southbound"},
        {"var/lib/ovn/ovnnb_db.db", "OVN_Northbound"},
        {"var/lib/openvswitch/conf.db", NULL},
    };
    if (size < 1)
        return 0;
    unsigned which = data[0] % RCA_ARRAY_LEN(dbs);
    size -= 1;
    char *text = malloc(size ? size : 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data + 1, size);
    rca_diag d = fuzz_diag();
    rca_row_sink rows = fuzz_rows();
    rca_err rc = rca_parse_command("ovsdb-file", dbs[which].path, dbs[which].db, text, size, &rows,
                                   &d);
    FUZZ_CHECK(rc == RCA_OK || rc == RCA_ENOMEM);
    free(text);
    return 0;
}
