/* fuzz_cmdout.c - libFuzzer target for the command-output parsers (rca_parse_command). The first
 * input byte picks a registered parser (and, in its high bits, one of the paths and arguments
 * the layout map gives that parser); the rest is the command output, handed over in an
 * exact-size buffer that is not NUL-terminated, as the analysis does.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Paths and arguments as rules/layout.map gives them; a parser not listed gets a made-up path. */
static const struct {
    const char *parser, *path, *arg;
} cases[] = {
    {"df", "sos_commands/filesys/df_-al_-x_autofs", NULL},
    {"df", "sos_commands/filesys/df_-ali_-x_autofs", NULL},
    {"free", "sos_commands/memory/free", NULL},
    {"meminfo", "proc/meminfo", NULL},
    {"ovs-vsctl-show", "sos_commands/openvswitch/ovs-vsctl_-t_5_show", NULL},
    {"ovsdb-list", "sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch", "Open_vSwitch"},
    {"ovsdb-list", "sos_commands/openvswitch/ovs-vsctl_-t_5_list_interface", "Open_vSwitch"},
    {"ovsdb-list", "sos_commands/ovn_central/ovn-sbctl_list_Chassis", "OVN_Southbound"},
    {"ovsdb-list", "sos_commands/ovn_central/ovn-nbctl_list_Logical_Switch_Port", NULL},
    {"ovsdb-dump", "sos_commands/openvswitch/ovsdb-client_-f_list_dump", "Open_vSwitch"},
    {"ovn-sbctl-show", "sos_commands/ovn_central/ovn-sbctl_show", NULL},
    {"ovn-nbctl-show", "sos_commands/ovn_central/ovn-nbctl_show", NULL},
    {"ovsdb-file", "etc/openvswitch/conf.db", "Open_vSwitch"},
    {"hostname", "sos_commands/host/hostname", NULL},
    {"hostname", "sos_commands/host/hostname_-f", "fqdn"},
    {"date", "sos_commands/date/date", NULL},
    {"date", "sos_commands/date/date_--utc", "utc"},
    {"timedatectl", "sos_commands/systemd/timedatectl", NULL},
    {"uname", "sos_commands/kernel/uname_-a", NULL},
    {"sos-version", "version.txt", NULL},
    {"nova-conf", "etc/nova/nova.conf", NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const rca_cmd_parser *all = rca_parse_all();
    size_t nparsers = 0;
    while (all[nparsers].name)
        nparsers++;
    const rca_cmd_parser *p = &all[data[0] % nparsers];
    unsigned variant = data[0] / nparsers;
    const char *path = NULL, *arg = NULL;
    size_t nmatch = 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++)
        if (strcmp(cases[i].parser, p->name) == 0)
            nmatch++;
    size_t want = nmatch ? variant % nmatch : 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++)
        if (strcmp(cases[i].parser, p->name) == 0 && want-- == 0) {
            path = cases[i].path;
            arg = cases[i].arg;
            break;
        }
    if (!path)
        path = "sos_commands/fuzz/output";
    size -= 1;
    char *text = malloc(size ? size : 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data + 1, size);
    rca_diag d = fuzz_diag();
    rca_row_sink rows = fuzz_rows();
    rca_err rc = rca_parse_command(p->name, path, arg, text, size, &rows, &d);
    FUZZ_CHECK(rc == RCA_OK || rc == RCA_ENOMEM);
    /* and with no sink at all: rows are dropped */
    rc = rca_parse_command(p->name, path, arg, text, size, NULL, NULL);
    FUZZ_CHECK(rc == RCA_OK || rc == RCA_ENOMEM);
    free(text);
    return 0;
}
