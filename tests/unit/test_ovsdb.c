/* test_ovsdb.c - unit tests of the OVS/OVN parsers (src/parse/ovs_show.c, ovsdb_text.c,
 * ovsdb_file.c): `ovs-vsctl show`, `list` outputs, the old `ovsdb-client -f list dump`,
 * `ovn-sbctl show`, `ovn-nbctl show` and the OVSDB database files. Inputs are excerpts of real
 * sos reports (compute4, noble-sunbeam), outputs of the real OVS 3.1 / OVN 23.03 tools, the
 * geneve example of failure-signatures.md §4, and small database files built here. Each case
 * lists the rows a rule would query; cut, garbage and every-prefix inputs run under ASan.
 */
#include "rowrec.h"

/* ------------------------------------------------------------------ table-driven cases */

typedef struct parse_case {
    const char *name, *parser, *path, *arg, *input;
    const char *const *rows;
    const unsigned *lines;
    unsigned warnings;
} parse_case;

/* ---- ovs-vsctl show ---- */

/* compute4 (OVS 2.13, ML2/OVS): sos_commands/openvswitch/ovs-vsctl_-t_5_show, shortened */
static const char show_compute4[] =
    "b8a20458-9009-41a0-aa49-71bcc0080537\n"
    "    Manager \"ptcp:6640:127.0.0.1\"\n"
    "        is_connected: true\n"
    "    Bridge br-data\n"
    "        Controller \"tcp:127.0.0.1:6633\"\n"
    "            is_connected: true\n"
    "        fail_mode: secure\n"
    "        datapath_type: system\n"
    "        Port ens7\n"
    "            Interface ens7\n"
    "        Port phy-br-data\n"
    "            Interface phy-br-data\n"
    "                type: patch\n"
    "                options: {peer=int-br-data}\n"
    "    Bridge br-tun\n"
    "        Controller \"tcp:127.0.0.1:6633\"\n"
    "            is_connected: true\n"
    "        fail_mode: secure\n"
    "        datapath_type: system\n"
    "        Port vxlan-0a000085\n"
    "            Interface vxlan-0a000085\n"
    "                type: vxlan\n"
    "                options: {df_default=\"true\", egress_pkt_mark=\"0\", in_key=flow, "
    "local_ip=\"10.0.0.128\", out_key=flow, remote_ip=\"10.0.0.133\"}\n"
    "    Bridge br-ex\n"
    "        datapath_type: system\n"
    "        Port br-ex\n"
    "            Interface br-ex\n"
    "                type: internal\n"
    "    Bridge br-int\n"
    "        Controller \"tcp:127.0.0.1:6633\"\n"
    "            is_connected: true\n"
    "        fail_mode: secure\n"
    "        datapath_type: system\n"
    "        Port sg-189f4c40-9d\n"
    "            tag: 3\n"
    "            Interface sg-189f4c40-9d\n"
    "                type: internal\n"
    "        Port tap0e778df8-ca\n"
    "            tag: 3\n"
    "            Interface tap0e778df8-ca\n"
    "    ovs_version: \"2.13.3\"\n";
static const char *const show_compute4_rows[] = {
    "ovs_port|br-data|ens7|ens7|NULL|NULL|NULL|NULL|NULL",
    "ovs_port|br-data|phy-br-data|phy-br-data|patch|NULL|int-br-data|peer=int-br-data|NULL",
    "ovs_bridge|br-data|secure|system|tcp:127.0.0.1:6633|1",
    "ovs_port|br-tun|vxlan-0a000085|vxlan-0a000085|vxlan|10.0.0.133|NULL|df_default=\"true\", "
    "egress_pkt_mark=\"0\", in_key=flow, local_ip=\"10.0.0.128\", out_key=flow, "
    "remote_ip=\"10.0.0.133\"|NULL",
    "ovs_bridge|br-tun|secure|system|tcp:127.0.0.1:6633|1",
    "ovs_port|br-ex|br-ex|br-ex|internal|NULL|NULL|NULL|NULL",
    "ovs_bridge|br-ex|NULL|system|NULL|NULL",
    "ovs_port|br-int|sg-189f4c40-9d|sg-189f4c40-9d|internal|NULL|NULL|NULL|NULL",
    "ovs_port|br-int|tap0e778df8-ca|tap0e778df8-ca|NULL|NULL|NULL|NULL|NULL",
    "ovs_bridge|br-int|secure|system|tcp:127.0.0.1:6633|1",
    NULL};
static const unsigned show_compute4_lines[] = {9, 11, 4, 20, 15, 26, 24, 34, 38, 29};

/* noble-sunbeam (OVS 3.3): a br-int without a single tunnel, chain A's "no geneve" */
static const char show_sunbeam[] = "63033229-b589-4dcf-a6ba-4183c7205c1c\n"
                                   "    Bridge br-ex\n"
                                   "        datapath_type: system\n"
                                   "        Port br-ex\n"
                                   "            Interface br-ex\n"
                                   "                type: internal\n"
                                   "    Bridge br-int\n"
                                   "        fail_mode: secure\n"
                                   "        datapath_type: system\n"
                                   "        Port br-int\n"
                                   "            Interface br-int\n"
                                   "                type: internal\n"
                                   "    ovs_version: \"3.3.0\"\n";
static const char *const show_sunbeam_rows[] = {
    "ovs_port|br-ex|br-ex|br-ex|internal|NULL|NULL|NULL|NULL",
    "ovs_bridge|br-ex|NULL|system|NULL|NULL",
    "ovs_port|br-int|br-int|br-int|internal|NULL|NULL|NULL|NULL",
    "ovs_bridge|br-int|secure|system|NULL|NULL",
    NULL};

/* failure-signatures.md §4: the tunnel port the datapath refused */
static const char show_geneve_error[] =
    "0d2c3c63-8f1e-4a3b-9a53-3c7e0c2f4d11\n"
    "    Bridge br-int\n"
    "        fail_mode: secure\n"
    "        datapath_type: system\n"
    "        Port ovn-fea4ee-0\n"
    "            Interface ovn-fea4ee-0\n"
    "                type: geneve\n"
    "                options: {csum=\"true\", key=flow, remote_ip=\"198.51.100.22\"}\n"
    "                error: \"could not add network device ovn-fea4ee-0 to ofproto (Address "
    "family not supported by protocol)\"\n"
    "        Port br-int\n"
    "            Interface br-int\n"
    "                type: internal\n"
    "    ovs_version: \"3.3.0\"\n";
static const char *const show_geneve_error_rows[] = {
    "ovs_port|br-int|ovn-fea4ee-0|ovn-fea4ee-0|geneve|198.51.100.22|NULL|csum=\"true\", key=flow, "
    "remote_ip=\"198.51.100.22\"|could not add network device ovn-fea4ee-0 to ofproto (Address "
    "family not supported by protocol)",
    "ovs_port|br-int|br-int|br-int|internal|NULL|NULL|NULL|NULL",
    "ovs_bridge|br-int|secure|system|NULL|NULL",
    NULL};
static const unsigned show_geneve_error_lines[] = {5, 10, 2};

/* Cut mid-bridge: the rows read so far still come out. */
static const char *const show_cut_rows[] = {
    "ovs_port|br-int|ovn-fea4ee-0|ovn-fea4ee-0|geneve|NULL|NULL|NULL|NULL",
    "ovs_bridge|br-int|secure|system|NULL|NULL",
    NULL};
static const char *const show_cut_error_rows[] = {
    "ovs_port|br-int|ovn-fea4ee-0|ovn-fea4ee-0|geneve|198.51.100.22|NULL|csum=\"true\", key=flow, "
    "remote_ip=\"198.51.100.22\"|could not add network dev",
    "ovs_bridge|br-int|secure|system|NULL|NULL",
    NULL};

/* Old OVS quotes names; a bond has two interfaces; a port may have none; only the first of
 * two controllers is kept (and it is not connected). */
static const char show_old[] =
    "5f4b2f6e-0c7a-4b8e-9d1e-2a3b4c5d6e7f\n"
    "    Bridge \"br-int\"\n"
    "        Controller \"tcp:127.0.0.1:6633\"\n"
    "        Controller \"unix:/var/run/openvswitch/br-int.mgmt\"\n"
    "            is_connected: true\n"
    "        fail_mode: secure\n"
    "        Port \"ovn-fea4ee-0\"\n"
    "            Interface \"ovn-fea4ee-0\"\n"
    "                type: geneve\n"
    "                options: {csum=\"true\", key=flow, remote_ip=\"192.0.2.22\"}\n"
    "        Port \"bond0\"\n"
    "            Interface \"eth0\"\n"
    "            Interface \"eth1\"\n"
    "        Port \"patch-br-int-to-provnet-1\"\n"
    "            Interface \"patch-br-int-to-provnet-1\"\n"
    "                type: patch\n"
    "                options: {peer=\"patch-provnet-1-to-br-int\"}\n"
    "        Port \"lonely\"\n"
    "    ovs_version: \"2.5.0\"\n"
    "ovs-vsctl: something odd\n";
static const char *const show_old_rows[] = {
    "ovs_port|br-int|ovn-fea4ee-0|ovn-fea4ee-0|geneve|192.0.2.22|NULL|csum=\"true\", key=flow, "
    "remote_ip=\"192.0.2.22\"|NULL",
    "ovs_port|br-int|bond0|eth0|NULL|NULL|NULL|NULL|NULL",
    "ovs_port|br-int|bond0|eth1|NULL|NULL|NULL|NULL|NULL",
    "ovs_port|br-int|patch-br-int-to-provnet-1|patch-br-int-to-provnet-1|patch|NULL|"
    "patch-provnet-1-to-br-int|peer=\"patch-provnet-1-to-br-int\"|NULL",
    "ovs_port|br-int|lonely|NULL|NULL|NULL|NULL|NULL|NULL",
    "ovs_bridge|br-int|secure|NULL|tcp:127.0.0.1:6633|0",
    NULL};
static const unsigned show_old_lines[] = {7, 11, 11, 14, 18, 2};

/* ---- list outputs ---- */

#define SB_OVS "ovsdb|Open_vSwitch|Open_vSwitch|63033229-b589-4dcf-a6ba-4183c7205c1c|"

/* noble-sunbeam: openstack-hypervisor.ovs-vsctl_-t_5_list_Open_vSwitch, shortened */
static const char list_sunbeam[] =
    "_uuid               : 63033229-b589-4dcf-a6ba-4183c7205c1c\n"
    "bridges             : [7bc43510-c985-4452-95bb-ccd1229006bc, "
    "a9c3d5b4-f240-4f14-ba99-5c99be4b065c]\n"
    "cur_cfg             : 6\n"
    "datapaths           : {system=51aa932b-7442-4554-bdb9-a007a45a26b3}\n"
    "external_ids        : {hostname=noble-sunbeam.lxd, ovn-bridge-mappings=\"physnet1:br-ex\", "
    "ovn-cms-options=enable-chassis-as-gw, ovn-encap-ip=\"10.194.140.193\", "
    "ovn-encap-type=geneve, ovn-match-northd-version=\"true\", "
    "ovn-remote=\"ssl:172.16.1.202:6642\", "
    "rundir=\"/var/snap/openstack-hypervisor/common/run/openvswitch\", "
    "system-id=noble-sunbeam.lxd}\n"
    "manager_options     : []\n"
    "other_config        : {ovn-chassis-idx-noble-sunbeam.lxd=\"\", vlan-limit=\"0\"}\n"
    "ovs_version         : \"3.3.0\"\n"
    "statistics          : {}\n"
    "system_type         : ubuntu-core\n";
static const char *const list_sunbeam_rows[] = {
    SB_OVS "_uuid|NULL|63033229-b589-4dcf-a6ba-4183c7205c1c",
    SB_OVS "bridges|NULL|7bc43510-c985-4452-95bb-ccd1229006bc",
    SB_OVS "bridges|NULL|a9c3d5b4-f240-4f14-ba99-5c99be4b065c",
    SB_OVS "cur_cfg|NULL|6",
    SB_OVS "datapaths|system|51aa932b-7442-4554-bdb9-a007a45a26b3",
    SB_OVS "external_ids|hostname|noble-sunbeam.lxd",
    SB_OVS "external_ids|ovn-bridge-mappings|physnet1:br-ex",
    SB_OVS "external_ids|ovn-cms-options|enable-chassis-as-gw",
    SB_OVS "external_ids|ovn-encap-ip|10.194.140.193",
    SB_OVS "external_ids|ovn-encap-type|geneve",
    SB_OVS "external_ids|ovn-match-northd-version|true",
    SB_OVS "external_ids|ovn-remote|ssl:172.16.1.202:6642",
    SB_OVS "external_ids|rundir|/var/snap/openstack-hypervisor/common/run/openvswitch",
    SB_OVS "external_ids|system-id|noble-sunbeam.lxd",
    SB_OVS "manager_options|NULL|NULL",
    SB_OVS "other_config|ovn-chassis-idx-noble-sunbeam.lxd|",
    SB_OVS "other_config|vlan-limit|0",
    SB_OVS "ovs_version|NULL|3.3.0",
    SB_OVS "statistics|NULL|NULL",
    SB_OVS "system_type|NULL|ubuntu-core",
    NULL};
static const unsigned list_sunbeam_lines[] = {1, 2, 2, 3, 4, 5, 5, 5, 5, 5,
                                              5, 5, 5, 5, 6, 7, 7, 8, 9, 10};

#define IF1 "ovsdb|Open_vSwitch|Interface|dd66d8db-170d-4b06-8280-9989cca47204|"
#define IF2 "ovsdb|Open_vSwitch|Interface|21ef4928-ce96-4294-a007-85b3e8fc96c9|"

/* compute4: ovs-vsctl_-t_5_list_interface (lower-case table), two records, shortened */
static const char list_interface[] =
    "_uuid               : dd66d8db-170d-4b06-8280-9989cca47204\n"
    "error               : []\n"
    "external_ids        : {attached-mac=\"fa:16:3e:a7:45:cb\", "
    "iface-id=\"0e778df8-ca29-490b-8d54-e238b1e0be1c\", iface-status=active, "
    "vm-id=\"d1d75e2f-ada4-49bc-a963-528d89dfda25\"}\n"
    "ingress_policing_burst: 0\n"
    "name                : tap0e778df8-ca\n"
    "ofport              : 9\n"
    "options             : {}\n"
    "status              : {driver_name=tun, driver_version=\"1.6\", firmware_version=\"\"}\n"
    "type                : \"\"\n"
    "\n"
    "_uuid               : 21ef4928-ce96-4294-a007-85b3e8fc96c9\n"
    "name                : vxlan-0a000085\n"
    "options             : {df_default=\"true\", egress_pkt_mark=\"0\", in_key=flow, "
    "local_ip=\"10.0.0.128\", out_key=flow, remote_ip=\"10.0.0.133\"}\n"
    "type                : vxlan\n";
static const char *const list_interface_rows[] = {
    IF1 "_uuid|NULL|dd66d8db-170d-4b06-8280-9989cca47204",
    IF1 "error|NULL|NULL",
    IF1 "external_ids|attached-mac|fa:16:3e:a7:45:cb",
    IF1 "external_ids|iface-id|0e778df8-ca29-490b-8d54-e238b1e0be1c",
    IF1 "external_ids|iface-status|active",
    IF1 "external_ids|vm-id|d1d75e2f-ada4-49bc-a963-528d89dfda25",
    IF1 "ingress_policing_burst|NULL|0",
    IF1 "name|NULL|tap0e778df8-ca",
    IF1 "ofport|NULL|9",
    IF1 "options|NULL|NULL",
    IF1 "status|driver_name|tun",
    IF1 "status|driver_version|1.6",
    IF1 "status|firmware_version|",
    IF1 "type|NULL|",
    IF2 "_uuid|NULL|21ef4928-ce96-4294-a007-85b3e8fc96c9",
    IF2 "name|NULL|vxlan-0a000085",
    IF2 "options|df_default|true",
    IF2 "options|egress_pkt_mark|0",
    IF2 "options|in_key|flow",
    IF2 "options|local_ip|10.0.0.128",
    IF2 "options|out_key|flow",
    IF2 "options|remote_ip|10.0.0.133",
    IF2 "type|NULL|vxlan",
    NULL};

#define PB "ovsdb|OVN_Southbound|Port_Binding|76c33449-e38c-45a2-af57-0f334a7b50db|"

/* ovn-sbctl 23.03 list Port_Binding, a bound port */
static const char list_port_binding[] =
    "_uuid               : 76c33449-e38c-45a2-af57-0f334a7b50db\n"
    "chassis             : 1db9060c-4cad-473d-a288-a101f60830fb\n"
    "external_ids        : {name=vm1-port, \"neutron:port_name\"=vm1-port}\n"
    "logical_port        : \"24129afd-416d-441c-b1ed-83113f9753fb\"\n"
    "mac                 : [\"fa:16:3e:5b:9c:21 10.0.0.5\"]\n"
    "options             : {requested-chassis=compute-1.example.com}\n"
    "requested_additional_chassis: []\n"
    "type                : \"\"\n"
    "up                  : true\n";
static const char *const list_port_binding_rows[] = {
    PB "_uuid|NULL|76c33449-e38c-45a2-af57-0f334a7b50db",
    PB "chassis|NULL|1db9060c-4cad-473d-a288-a101f60830fb",
    PB "external_ids|name|vm1-port",
    PB "external_ids|neutron:port_name|vm1-port",
    PB "logical_port|NULL|24129afd-416d-441c-b1ed-83113f9753fb",
    PB "mac|NULL|fa:16:3e:5b:9c:21 10.0.0.5",
    PB "options|requested-chassis|compute-1.example.com",
    PB "requested_additional_chassis|NULL|NULL",
    PB "type|NULL|",
    PB "up|NULL|true",
    NULL};

#define BR "ovsdb|Open_vSwitch|Bridge|726f2cd1-0746-4d05-9834-f7bb3d0162e4|"

/* Quoted strings may hold every delimiter and JSON escapes. */
static const char list_quoting[] =
    "_uuid               : 726f2cd1-0746-4d05-9834-f7bb3d0162e4\n"
    "external_ids        : {note=\"a, b = {c} [d] \\\"q\\\"\", \"neutron:port_name\"=\"\", "
    "path=\"C:\\\\dir\"}\n"
    "description         : \"tab\\there \\u00e9 \\\"end\\\"\"\n"
    "set                 : [\"x, y]\", \"{z}\", plain, 42, -1.5]\n";
static const char *const list_quoting_rows[] = {
    BR "_uuid|NULL|726f2cd1-0746-4d05-9834-f7bb3d0162e4",
    BR "external_ids|note|a, b = {c} [d] \"q\"",
    BR "external_ids|neutron:port_name|",
    BR "external_ids|path|C:\\dir",
    BR "description|NULL|tab\there \xc3\xa9 \"end\"",
    BR "set|NULL|x, y]",
    BR "set|NULL|{z}",
    BR "set|NULL|plain",
    BR "set|NULL|42",
    BR "set|NULL|-1.5",
    NULL};

#define CUT "ovsdb|Open_vSwitch|Bridge|11111111-2222-3333-4444-555555555555|"

/* Cut and ill-formed values: the elements read are kept, the rest is reported. */
static const char list_cut[] = "_uuid               : 11111111-2222-3333-4444-555555555555\n"
                               "external_ids        : {a=b, c=\"d\n"
                               "ports               : [x, \n"
                               "bogus line without colon\n"
                               "name: ok\n";
static const char *const list_cut_rows[] = {
    CUT "_uuid|NULL|11111111-2222-3333-4444-555555555555",
    CUT "external_ids|a|b",
    CUT "external_ids|c|d",
    CUT "ports|NULL|x",
    CUT "name|NULL|ok",
    NULL};

/* `ovs-vsctl --columns=name,fail_mode list bridge` (OVS 3.1): no _uuid to name the records */
static const char list_columns[] = "name                : br-int\n"
                                   "fail_mode           : secure\n"
                                   "\n"
                                   "name                : br-ex\n"
                                   "fail_mode           : []\n";
static const char *const list_columns_rows[] = {
    "ovsdb|Open_vSwitch|Bridge|row1|name|NULL|br-int",
    "ovsdb|Open_vSwitch|Bridge|row1|fail_mode|NULL|secure",
    "ovsdb|Open_vSwitch|Bridge|row2|name|NULL|br-ex",
    "ovsdb|Open_vSwitch|Bridge|row2|fail_mode|NULL|NULL",
    NULL};

#define D_BR "ovsdb|Open_vSwitch|Bridge|116afe1c-3476-42d4-b5e6-ae699137b62f|"
#define D_CT "ovsdb|Open_vSwitch|Controller|5ddca42c-5dc4-4c48-8988-f5c3d805e9a4|"

/* compute4 (sos 4.2): sos_commands/openvswitch/ovsdb-client_-f_list_dump, shortened */
static const char dump_compute4[] =
    "AutoAttach table\n"
    "\n"
    "Bridge table\n"
    "_uuid               : 116afe1c-3476-42d4-b5e6-ae699137b62f\n"
    "controller          : [d2247792-f579-4fa5-b0aa-1ac492608aa2]\n"
    "datapath_type       : system\n"
    "external_ids        : {charm-neutron-openvswitch=managed}\n"
    "fail_mode           : secure\n"
    "name                : br-data\n"
    "\n"
    "Controller table\n"
    "_uuid               : 5ddca42c-5dc4-4c48-8988-f5c3d805e9a4\n"
    "connection_mode     : out-of-band\n"
    "inactivity_probe    : 10000\n"
    "is_connected        : true\n"
    "\n"
    "sFlow table\n";
static const char *const dump_compute4_rows[] = {
    D_BR "_uuid|NULL|116afe1c-3476-42d4-b5e6-ae699137b62f",
    D_BR "controller|NULL|d2247792-f579-4fa5-b0aa-1ac492608aa2",
    D_BR "datapath_type|NULL|system",
    D_BR "external_ids|charm-neutron-openvswitch|managed",
    D_BR "fail_mode|NULL|secure",
    D_BR "name|NULL|br-data",
    D_CT "_uuid|NULL|5ddca42c-5dc4-4c48-8988-f5c3d805e9a4",
    D_CT "connection_mode|NULL|out-of-band",
    D_CT "inactivity_probe|NULL|10000",
    D_CT "is_connected|NULL|true",
    NULL};
static const unsigned dump_compute4_lines[] = {4, 5, 6, 7, 8, 9, 12, 13, 14, 15};

/* ---- ovn-sbctl show / ovn-nbctl show (OVN 23.03) ---- */

static const char sbshow[] = "Chassis compute-1\n"
                             "    hostname: compute-1.example.com\n"
                             "    Encap geneve\n"
                             "        ip: \"192.0.2.11\"\n"
                             "        options: {csum=\"true\"}\n"
                             "    Port_Binding \"24129afd-416d-441c-b1ed-83113f9753fb\"\n"
                             "Chassis \"9ad3c4d4-7b49-4d2a-8d35-2a5c4e0e5c11\"\n"
                             "    hostname: \"compute-2.example.com\"\n"
                             "    Encap vxlan\n"
                             "        ip: \"192.0.2.12\"\n"
                             "        options: {csum=\"true\"}\n"
                             "    Encap geneve\n"
                             "        ip: \"192.0.2.12\"\n"
                             "        options: {csum=\"true\"}\n"
                             "    Port_Binding cr-lrp-5ab1c2d3\n";
#define CH1 "ovsdb|OVN_Southbound|Chassis|show:compute-1|"
#define CH2 "ovsdb|OVN_Southbound|Chassis|show:9ad3c4d4-7b49-4d2a-8d35-2a5c4e0e5c11|"
#define EN1 "ovsdb|OVN_Southbound|Encap|show:compute-1:geneve:192.0.2.11|"
#define EN2 "ovsdb|OVN_Southbound|Encap|show:9ad3c4d4-7b49-4d2a-8d35-2a5c4e0e5c11:vxlan:192.0.2.12|"
#define EN3 "ovsdb|OVN_Southbound|Encap|show:9ad3c4d4-7b49-4d2a-8d35-2a5c4e0e5c11:geneve:192.0.2.12|"
#define PB1 "ovsdb|OVN_Southbound|Port_Binding|show:24129afd-416d-441c-b1ed-83113f9753fb|"
#define PB2 "ovsdb|OVN_Southbound|Port_Binding|show:cr-lrp-5ab1c2d3|"
static const char *const sbshow_rows[] = {
    CH1 "name|NULL|compute-1",
    CH1 "hostname|NULL|compute-1.example.com",
    EN1 "chassis_name|NULL|compute-1",
    EN1 "type|NULL|geneve",
    EN1 "ip|NULL|192.0.2.11",
    PB1 "logical_port|NULL|24129afd-416d-441c-b1ed-83113f9753fb",
    PB1 "chassis|NULL|compute-1",
    CH2 "name|NULL|9ad3c4d4-7b49-4d2a-8d35-2a5c4e0e5c11",
    CH2 "hostname|NULL|compute-2.example.com",
    EN2 "chassis_name|NULL|9ad3c4d4-7b49-4d2a-8d35-2a5c4e0e5c11",
    EN2 "type|NULL|vxlan",
    EN2 "ip|NULL|192.0.2.12",
    EN3 "chassis_name|NULL|9ad3c4d4-7b49-4d2a-8d35-2a5c4e0e5c11",
    EN3 "type|NULL|geneve",
    EN3 "ip|NULL|192.0.2.12",
    PB2 "logical_port|NULL|cr-lrp-5ab1c2d3",
    PB2 "chassis|NULL|9ad3c4d4-7b49-4d2a-8d35-2a5c4e0e5c11",
    NULL};
static const unsigned sbshow_lines[] = {1, 2, 3, 3, 4, 6, 6, 7, 8, 9, 9, 10, 12, 12, 13, 15, 15};

/* cut after an Encap heading: the encap is still listed, without its ip */
static const char *const sbshow_cut_rows[] = {
    CH1 "name|NULL|compute-1",
    CH1 "hostname|NULL|compute-1.example.com",
    "ovsdb|OVN_Southbound|Encap|show:compute-1:geneve:|chassis_name|NULL|compute-1",
    "ovsdb|OVN_Southbound|Encap|show:compute-1:geneve:|type|NULL|geneve",
    NULL};

static const char nbshow[] =
    "switch 0864de0f-e642-4966-a0c9-9772af133377 (neutron-f3a8e2c4-1111-4222-8333-944455556666) "
    "(aka private)\n"
    "    port 24129afd-416d-441c-b1ed-83113f9753fb (aka vm1-port)\n"
    "        addresses: [\"fa:16:3e:5b:9c:21 10.0.0.5\"]\n"
    "    port 5ab1c2d3\n"
    "        type: router\n"
    "        router-port: lrp-5ab1c2d3\n"
    "    port provnet-7c1e\n"
    "        type: localnet\n"
    "        addresses: [\"unknown\"]\n"
    "router e5634084-2832-47a5-b35d-6ae44dff95fd (neutron-abc12345-0000-4000-8000-0000000000bb) "
    "(aka router1)\n"
    "    port lrp-5ab1c2d3\n"
    "        mac: \"fa:16:3e:11:22:33\"\n"
    "        networks: [\"10.0.0.1/24\", \"fd00::1/64\"]\n"
    "        gateway chassis: [compute-1 compute-2]\n"
    "    nat c52c880a-cfd1-4a49-96e8-fd48dbe4b924\n"
    "        external ip: \"172.24.4.10\"\n"
    "        logical ip: \"10.0.0.0/24\"\n"
    "        type: \"snat\"\n"
    "switch 3d7a9e1c-0000-4000-8000-000000000001 (old-net)\n";
#define LS "ovsdb|OVN_Northbound|Logical_Switch|0864de0f-e642-4966-a0c9-9772af133377|"
#define LSP1 "ovsdb|OVN_Northbound|Logical_Switch_Port|show:24129afd-416d-441c-b1ed-83113f9753fb|"
#define LSP2 "ovsdb|OVN_Northbound|Logical_Switch_Port|show:5ab1c2d3|"
#define LSP3 "ovsdb|OVN_Northbound|Logical_Switch_Port|show:provnet-7c1e|"
#define LR "ovsdb|OVN_Northbound|Logical_Router|e5634084-2832-47a5-b35d-6ae44dff95fd|"
#define LRP "ovsdb|OVN_Northbound|Logical_Router_Port|show:lrp-5ab1c2d3|"
#define NAT "ovsdb|OVN_Northbound|NAT|c52c880a-cfd1-4a49-96e8-fd48dbe4b924|"
static const char *const nbshow_rows[] = {
    LS "name|NULL|neutron-f3a8e2c4-1111-4222-8333-944455556666",
    LS "aka|NULL|private",
    LSP1 "name|NULL|24129afd-416d-441c-b1ed-83113f9753fb",
    LSP1 "switch|NULL|0864de0f-e642-4966-a0c9-9772af133377",
    LSP1 "aka|NULL|vm1-port",
    LSP1 "addresses|NULL|fa:16:3e:5b:9c:21 10.0.0.5",
    LSP2 "name|NULL|5ab1c2d3",
    LSP2 "switch|NULL|0864de0f-e642-4966-a0c9-9772af133377",
    LSP2 "type|NULL|router",
    LSP2 "options|router-port|lrp-5ab1c2d3",
    LSP3 "name|NULL|provnet-7c1e",
    LSP3 "switch|NULL|0864de0f-e642-4966-a0c9-9772af133377",
    LSP3 "type|NULL|localnet",
    LSP3 "addresses|NULL|unknown",
    LR "name|NULL|neutron-abc12345-0000-4000-8000-0000000000bb",
    LR "aka|NULL|router1",
    LRP "name|NULL|lrp-5ab1c2d3",
    LRP "router|NULL|e5634084-2832-47a5-b35d-6ae44dff95fd",
    LRP "mac|NULL|fa:16:3e:11:22:33",
    LRP "networks|NULL|10.0.0.1/24",
    LRP "networks|NULL|fd00::1/64",
    LRP "gateway_chassis|NULL|compute-1",
    LRP "gateway_chassis|NULL|compute-2",
    NAT "router|NULL|e5634084-2832-47a5-b35d-6ae44dff95fd",
    NAT "external_ip|NULL|172.24.4.10",
    NAT "logical_ip|NULL|10.0.0.0/24",
    NAT "type|NULL|snat",
    "ovsdb|OVN_Northbound|Logical_Switch|3d7a9e1c-0000-4000-8000-000000000001|name|NULL|old-net",
    NULL};
static const unsigned nbshow_lines[] = {1,  1,  2,  2,  2,  3,  4,  4,  5,  6,
                                        7,  7,  8,  9,  10, 10, 11, 11, 12, 13,
                                        13, 14, 14, 15, 16, 17, 18, 19};

static const parse_case cases[] = {
    {"show compute4", "ovs-vsctl-show", "sos_commands/openvswitch/ovs-vsctl_-t_5_show", NULL,
     show_compute4, show_compute4_rows, show_compute4_lines, 0},
    {"show sunbeam", "ovs-vsctl-show",
     "sos_commands/openvswitch/openstack-hypervisor.ovs-vsctl_-t_5_show", NULL, show_sunbeam,
     show_sunbeam_rows, NULL, 0},
    {"show geneve error", "ovs-vsctl-show", "ovs-vsctl_-t_5_show", NULL, show_geneve_error,
     show_geneve_error_rows, show_geneve_error_lines, 0},
    {"show old quoted", "ovs-vsctl-show", "ovs-vsctl_-t_5_show", NULL, show_old, show_old_rows,
     show_old_lines, 1},
    {"list sunbeam Open_vSwitch", "ovsdb-list",
     "sos_commands/openvswitch/openstack-hypervisor.ovs-vsctl_-t_5_list_Open_vSwitch",
     "Open_vSwitch", list_sunbeam, list_sunbeam_rows, list_sunbeam_lines, 0},
    {"list compute4 interface", "ovsdb-list",
     "sos_commands/openvswitch/ovs-vsctl_-t_5_list_interface", "Open_vSwitch", list_interface,
     list_interface_rows, NULL, 0},
    {"list Port_Binding", "ovsdb-list",
     "sos_commands/ovn_central/ovn-sbctl_--no-leader-only_list_Port_Binding", "OVN_Southbound",
     list_port_binding, list_port_binding_rows, NULL, 0},
    {"list quoting", "ovsdb-list", "ovs-vsctl_list_bridge", "Open_vSwitch", list_quoting,
     list_quoting_rows, NULL, 0},
    {"list cut values", "ovsdb-list", "ovs-vsctl_list_bridge", NULL, list_cut, list_cut_rows,
     NULL, 2},
    {"list without _uuid", "ovsdb-list", "ovs-vsctl_--columns=name,fail_mode_list_bridge", NULL,
     list_columns, list_columns_rows, NULL, 0},
    {"dump compute4", "ovsdb-dump", "sos_commands/openvswitch/ovsdb-client_-f_list_dump",
     "Open_vSwitch", dump_compute4, dump_compute4_rows, dump_compute4_lines, 0},
    {"dump after an error line", "ovsdb-dump", "ovsdb-client_-f_list_dump", NULL,
     "ovsdb-client: failed to connect\n\nBridge table\n_uuid : u1\nname : br0\n",
     (const char *const[]){"ovsdb|Open_vSwitch|Bridge|u1|_uuid|NULL|u1",
                           "ovsdb|Open_vSwitch|Bridge|u1|name|NULL|br0", NULL},
     NULL, 1},
    {"sbctl show", "ovn-sbctl-show", "sos_commands/ovn_central/ovn-sbctl_--no-leader-only_show",
     NULL, sbshow, sbshow_rows, sbshow_lines, 0},
    {"nbctl show", "ovn-nbctl-show", "sos_commands/ovn_central/ovn-nbctl_--no-leader-only_show",
     NULL, nbshow, nbshow_rows, nbshow_lines, 0},
    {"sbctl show error text", "ovn-sbctl-show", "ovn-sbctl_show", NULL,
     "ovn-sbctl: unix:/var/run/ovn/ovnsb_db.sock: database connection failed\n",
     (const char *const[]){NULL}, NULL, 1},
};

static void run_case(void **state)
{
    const parse_case *c = *state;
    recorder r = {0};
    diag_log log = {0};
    assert_int_equal(run(c->parser, c->path, c->arg, c->input, strlen(c->input), &r, &log),
                     RCA_OK);
    expect_rows(&r, c->rows, c->lines);
    assert_int_equal(log.warnings, c->warnings);
    assert_int_equal(log.errors, 0);
    rec_free(&r);
}

/* ------------------------------------------------------------------ cut outputs */

static size_t prefix_to(const char *text, const char *marker)
{
    const char *at = strstr(text, marker);
    assert_non_null(at);
    return (size_t)(at - text) + strlen(marker);
}

static void test_show_cut_mid_bridge(void **state)
{
    (void)state;
    recorder r = {0};
    diag_log log = {0};
    size_t n = prefix_to(show_geneve_error, "type: geneve\n");
    assert_int_equal(run("ovs-vsctl-show", "show", NULL, show_geneve_error, n, &r, &log), RCA_OK);
    expect_rows(&r, show_cut_rows, NULL);
    assert_int_equal(log.warnings, 0);
    rec_free(&r);

    /* cut inside the quoted error: the text read is kept, and the cut is reported */
    n = prefix_to(show_geneve_error, "could not add network dev");
    assert_int_equal(run("ovs-vsctl-show", "show", NULL, show_geneve_error, n, &r, &log), RCA_OK);
    expect_rows(&r, show_cut_error_rows, NULL);
    assert_int_equal(log.warnings, 1);
    rec_free(&r);
}

static void test_sbshow_cut(void **state)
{
    (void)state;
    recorder r = {0};
    size_t n = prefix_to(sbshow, "    Encap geneve\n");
    assert_int_equal(run("ovn-sbctl-show", "show", NULL, sbshow, n, &r, NULL), RCA_OK);
    expect_rows(&r, sbshow_cut_rows, NULL);
    rec_free(&r);
}

/* The table a list output names in its file name, in canonical case, and its database. */
static void test_list_table_names(void **state)
{
    (void)state;
    static const struct {
        const char *path, *row;
    } t[] = {
        {"sos_commands/ovn_central/ovn-sbctl_--no-leader-only_--columns__uuid_list_MAC_Binding",
         "ovsdb|OVN_Southbound|MAC_Binding|u|_uuid|NULL|u"},
        {"sos_commands/openvswitch/openstack-hypervisor.ovs-vsctl_-t_5_list_bridge_br-int",
         "ovsdb|Open_vSwitch|Bridge|u|_uuid|NULL|u"},
        {"ovn-nbctl_list_logical_switch_port", "ovsdb|OVN_Northbound|Logical_Switch_Port|u|_uuid|NULL|u"},
        {"ovn-sbctl_list_port_binding", "ovsdb|OVN_Southbound|Port_Binding|u|_uuid|NULL|u"},
        {"ovn-sbctl_list_chassis_private", "ovsdb|OVN_Southbound|Chassis_Private|u|_uuid|NULL|u"},
        {"sos_commands/ovn_host/ovs-vsctl_list_open_vswitch",
         "ovsdb|Open_vSwitch|Open_vSwitch|u|_uuid|NULL|u"},
        {"podman_exec_ovn-dbs-bundle-podman-0_ovn-sbctl_--no-leader-only_list_Chassis",
         "ovsdb|OVN_Southbound|Chassis|u|_uuid|NULL|u"},
        {"microovn.ovn-nbctl_--no-leader-only_list_NB_Global",
         "ovsdb|OVN_Northbound|NB_Global|u|_uuid|NULL|u"},
        {"ovs-vsctl_list_FooBar", "ovsdb|Open_vSwitch|FooBar|u|_uuid|NULL|u"},
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(t); i++) {
        recorder r = {0};
        const char in[] = "_uuid               : u\n";
        assert_int_equal(run("ovsdb-list", t[i].path, NULL, in, strlen(in), &r, NULL), RCA_OK);
        assert_int_equal(r.n, 1);
        assert_string_equal(r.rows[0], t[i].row);
        rec_free(&r);
    }
}

/* ------------------------------------------------------------------ database files */

/* A database file from its records: "OVSDB <kind> <len> <sha1>\n<json>\n" each. `len` < 0
 * writes the true length; otherwise that (wrong) number. */
static char *build_db(const char *kind, const char *const *records, long len)
{
    rca_buf b;
    rca_buf_init(&b);
    for (size_t i = 0; records[i]; i++) {
        size_t n = strlen(records[i]);
        assert_int_equal(rca_buf_printf(&b, "OVSDB %s %zu %s\n%s\n", kind,
                                        len < 0 ? n : (size_t)len,
                                        "0000000000000000000000000000000000000000", records[i]),
                         RCA_OK);
    }
    return rca_buf_take(&b);
}

#define C1 "1db9060c-4cad-473d-a288-a101f60830fb"
#define C2 "40fb799b-850a-4842-8db9-48499a95a51d"
#define E1 "f0098074-0863-4937-9d2e-f4d3ce62eaf2"
#define E2 "7fee778e-4792-4972-b49e-15ef31b0086b"
#define E3 "607fb3b0-9ac9-46cb-a9af-805b6a9c94c3"
#define P1 "76c33449-e38c-45a2-af57-0f334a7b50db"

static const char sb_schema[] =
    "{\"name\":\"OVN_Southbound\",\"version\":\"20.27.0\",\"tables\":{"
    "\"Chassis\":{\"columns\":{\"name\":{\"type\":\"string\"},\"hostname\":{\"type\":\"string\"},"
    "\"encaps\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"Encap\"},\"min\":1,"
    "\"max\":\"unlimited\"}},"
    "\"external_ids\":{\"type\":{\"key\":\"string\",\"value\":\"string\",\"min\":0,"
    "\"max\":\"unlimited\"}},"
    "\"nb_cfg\":{\"type\":{\"key\":\"integer\"}}}},"
    "\"Encap\":{\"columns\":{\"type\":{\"type\":{\"key\":{\"type\":\"string\",\"enum\":[\"set\","
    "[\"geneve\",\"vxlan\"]]}}},\"ip\":{\"type\":\"string\"},"
    "\"options\":{\"type\":{\"key\":\"string\",\"value\":\"string\",\"min\":0,"
    "\"max\":\"unlimited\"}},\"chassis_name\":{\"type\":\"string\"}}},"
    "\"Port_Binding\":{\"columns\":{\"logical_port\":{\"type\":\"string\"},"
    "\"chassis\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"Chassis\","
    "\"refType\":\"weak\"},\"min\":0,\"max\":1}},"
    "\"up\":{\"type\":{\"key\":\"boolean\",\"min\":0,\"max\":1}},"
    "\"tunnel_key\":{\"type\":\"integer\"},"
    "\"external_ids\":{\"type\":{\"key\":\"string\",\"value\":\"string\",\"min\":0,"
    "\"max\":\"unlimited\"}},"
    "\"status\":{\"ephemeral\":true,\"type\":{\"key\":\"string\",\"value\":\"string\","
    "\"min\":0,\"max\":\"unlimited\"}}}}}}";

/* Two chassis register; compute-2 goes away; compute-1 is renamed, gets a second encap, and the
 * port is claimed. Updates 3 and 4 are diffs, as OVS >= 2.15 writes them. */
static const char *const sb_records[] = {
    sb_schema,
    "{\"_date\":1,\"_comment\":\"ovn-sbctl: chassis-add\",\"Chassis\":{\"" C1 "\":{"
    "\"name\":\"compute-1\",\"hostname\":\"compute-1\",\"encaps\":[\"uuid\",\"" E1 "\"],"
    "\"external_ids\":[\"map\",[[\"ovn-bridge-mappings\",\"physnet1:br-ex\"]]]}},"
    "\"Encap\":{\"" E1 "\":{\"type\":\"geneve\",\"ip\":\"192.0.2.11\","
    "\"options\":[\"map\",[[\"csum\",\"true\"]]],\"chassis_name\":\"compute-1\"}}}",
    "{\"_date\":2,\"Chassis\":{\"" C2 "\":{\"name\":\"compute-2\",\"hostname\":\"compute-2\","
    "\"encaps\":[\"uuid\",\"" E2 "\"]}},\"Encap\":{\"" E2 "\":{\"type\":\"geneve\","
    "\"ip\":\"192.0.2.12\",\"chassis_name\":\"compute-2\"}},\"Port_Binding\":{\"" P1 "\":{"
    "\"logical_port\":\"24129afd-416d-441c-b1ed-83113f9753fb\",\"chassis\":[\"uuid\",\"" C1 "\"],"
    "\"up\":false,\"tunnel_key\":1}}}",
    "{\"_date\":3,\"_is_diff\":true,\"Chassis\":{\"" C1 "\":{"
    "\"hostname\":\"compute-1.example.com\",\"nb_cfg\":7,\"external_ids\":[\"map\",["
    "[\"ovn-bridge-mappings\",\"physnet1:br-ex\"],[\"hostname\",\"compute-1.example.com\"]]]},"
    "\"" C2 "\":null},\"Encap\":{\"" E2 "\":null},\"Port_Binding\":{\"" P1 "\":{\"up\":true,"
    "\"external_ids\":[\"map\",[[\"name\",\"vm1-port\"]]]}}}",
    "{\"_date\":4,\"_is_diff\":true,\"Chassis\":{\"" C1 "\":{\"encaps\":[\"uuid\",\"" E3 "\"]}},"
    "\"Encap\":{\"" E3 "\":{\"type\":\"vxlan\",\"ip\":\"192.0.2.11\","
    "\"chassis_name\":\"compute-1\"}}}",
    NULL};

#define F_C1 "ovsdb|OVN_Southbound|Chassis|" C1 "|"
#define F_E1 "ovsdb|OVN_Southbound|Encap|" E1 "|"
#define F_E3 "ovsdb|OVN_Southbound|Encap|" E3 "|"
#define F_P1 "ovsdb|OVN_Southbound|Port_Binding|" P1 "|"
static const char *const sb_final_rows[] = {
    F_C1 "_uuid|NULL|" C1,
    F_C1 "encaps|NULL|" E1,
    F_C1 "encaps|NULL|" E3,
    F_C1 "external_ids|hostname|compute-1.example.com",
    F_C1 "hostname|NULL|compute-1.example.com",
    F_C1 "name|NULL|compute-1",
    F_C1 "nb_cfg|NULL|7",
    F_E3 "_uuid|NULL|" E3,
    F_E3 "chassis_name|NULL|compute-1",
    F_E3 "ip|NULL|192.0.2.11",
    F_E3 "options|NULL|NULL",
    F_E3 "type|NULL|vxlan",
    F_E1 "_uuid|NULL|" E1,
    F_E1 "chassis_name|NULL|compute-1",
    F_E1 "ip|NULL|192.0.2.11",
    F_E1 "options|csum|true",
    F_E1 "type|NULL|geneve",
    F_P1 "_uuid|NULL|" P1,
    F_P1 "chassis|NULL|" C1,
    F_P1 "external_ids|name|vm1-port",
    F_P1 "logical_port|NULL|24129afd-416d-441c-b1ed-83113f9753fb",
    F_P1 "tunnel_key|NULL|1",
    F_P1 "up|NULL|true",
    NULL};
/* the header line of the last record that touched each row: records start at lines 1,3,5,7,9 */
static const unsigned sb_final_lines[] = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
                                          3, 3, 3, 3, 3, 7, 7, 7, 7, 7, 7};

static void test_file_standalone(void **state)
{
    (void)state;
    char *db = build_db("JSON", sb_records, -1);
    recorder r = {0};
    diag_log log = {0};
    assert_int_equal(run("ovsdb-file", "var/lib/ovn/ovnsb_db.db", NULL, db, strlen(db), &r, &log),
                     RCA_OK);
    expect_rows(&r, sb_final_rows, sb_final_lines);
    assert_int_equal(log.warnings, 0);
    rec_free(&r);
    free(db);

    /* The length in a header is not trusted: a wrong one changes nothing. */
    db = build_db("JSON", sb_records, 3);
    assert_int_equal(run("ovsdb-file", "ovnsb_db.db", NULL, db, strlen(db), &r, &log), RCA_OK);
    expect_rows(&r, sb_final_rows, sb_final_lines);
    assert_int_equal(log.warnings, 0);
    rec_free(&r);
    free(db);
}

static void test_file_cut_and_corrupt(void **state)
{
    (void)state;
    char *db = build_db("JSON", sb_records, -1);
    size_t len = strlen(db);
    /* cut inside the fourth record (the delete of compute-2): the state after three */
    const char *fourth = strstr(db, "{\"_date\":3");
    assert_non_null(fourth);
    size_t cut = (size_t)(fourth - db) + 40;
    recorder r = {0};
    diag_log log = {0};
    assert_int_equal(run("ovsdb-file", "ovnsb_db.db", NULL, db, cut, &r, &log), RCA_OK);
    assert_int_equal(log.warnings, 1);
    assert_true(rec_has(&r, "ovsdb|OVN_Southbound|Chassis|" C2 "|_uuid|NULL|" C2));
    assert_true(rec_has(&r, F_C1 "hostname|NULL|compute-1"));
    assert_true(rec_has(&r, F_C1 "nb_cfg|NULL|0")); /* a scalar left at its default */
    assert_true(rec_has(&r, F_P1 "up|NULL|false"));
    rec_free(&r);

    /* a record that is not JSON: the same state, the later records are not replayed */
    char *bad = malloc(len + 1);
    assert_non_null(bad);
    memcpy(bad, db, len + 1);
    bad[fourth - db + 1] = '#';
    log.warnings = 0;
    assert_int_equal(run("ovsdb-file", "ovnsb_db.db", NULL, bad, len, &r, &log), RCA_OK);
    assert_int_equal(log.warnings, 1);
    assert_true(rec_has(&r, F_C1 "hostname|NULL|compute-1"));
    assert_false(rec_has(&r, "ovsdb|OVN_Southbound|Encap|" E3 "|_uuid|NULL|" E3));
    rec_free(&r);
    free(bad);

    /* every prefix: no crash, no read past the end, at most one warning */
    for (size_t n = 0; n <= len; n += n < 200 || len - n < 200 ? 1 : 7) {
        diag_log l = {0};
        assert_int_equal(run("ovsdb-file", "ovnsb_db.db", NULL, db, n, &r, &l), RCA_OK);
        assert_true(l.warnings <= 1);
        rec_free(&r);
    }
    free(db);

    /* not a database at all */
    log.warnings = 0;
    assert_int_equal(run("ovsdb-file", "conf.db", NULL, "hello\n", 6, &r, &log), RCA_OK);
    assert_int_equal(r.n, 0);
    assert_int_equal(log.warnings, 1);
}

/* Without a schema record the rows are what the transactions said, under the path map's
 * database name. Logical_Flow rows are never kept (a note says so, not a warning). */
static void test_file_without_schema(void **state)
{
    (void)state;
    static const char *const recs[] = {
        "{\"Bridge\":{\"u1\":{\"name\":\"br-int\",\"fail_mode\":\"secure\"}},"
        "\"Logical_Flow\":{\"f1\":{\"match\":\"1\"}}}",
        NULL};
    char *db = build_db("JSON", recs, -1);
    recorder r = {0};
    diag_log log = {0};
    assert_int_equal(run("ovsdb-file", "etc/openvswitch/conf.db", "Open_vSwitch", db, strlen(db),
                         &r, &log),
                     RCA_OK);
    static const char *const rows[] = {"ovsdb|Open_vSwitch|Bridge|u1|_uuid|NULL|u1",
                                       "ovsdb|Open_vSwitch|Bridge|u1|fail_mode|NULL|secure",
                                       "ovsdb|Open_vSwitch|Bridge|u1|name|NULL|br-int", NULL};
    expect_rows(&r, rows, NULL);
    assert_int_equal(log.warnings, 1);
    rec_free(&r);
    free(db);
}

#define LS1 "0864de0f-e642-4966-a0c9-9772af133377"
#define LP1 "2cf8a157-4408-4569-b63f-22527390e538"
#define LP2 "9b1f0c2e-1111-4222-8333-944455556666"

static const char nb_schema[] =
    "{\"name\":\"OVN_Northbound\",\"version\":\"7.0.0\",\"tables\":{"
    "\"Logical_Switch\":{\"columns\":{\"name\":{\"type\":\"string\"},"
    "\"ports\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"Logical_Switch_Port\","
    "\"refType\":\"strong\"},\"min\":0,\"max\":\"unlimited\"}},"
    "\"external_ids\":{\"type\":{\"key\":\"string\",\"value\":\"string\",\"min\":0,"
    "\"max\":\"unlimited\"}}}},"
    "\"Logical_Switch_Port\":{\"columns\":{\"name\":{\"type\":\"string\"},"
    "\"addresses\":{\"type\":{\"key\":\"string\",\"min\":0,\"max\":\"unlimited\"}},"
    "\"type\":{\"type\":\"string\"},"
    "\"up\":{\"type\":{\"key\":\"boolean\",\"min\":0,\"max\":1}}}}}}";

/* A clustered NB: a snapshot in the header, Raft bookkeeping, two entries, one unknown record. */
static void test_file_clustered(void **state)
{
    (void)state;
    char header[4096];
    snprintf(header, sizeof header,
             "{\"cluster_id\":\"056c9184-4f66-4fc6-92a7-22f13bfba923\",\"name\":\"OVN_Northbound\","
             "\"local_address\":\"tcp:127.0.0.1:6643\","
             "\"server_id\":\"b49a55c5-d2fa-4cf6-8ded-35274e930f65\",\"prev_term\":1,"
             "\"prev_index\":2,\"prev_data\":[%s,{\"Logical_Switch\":{\"" LS1 "\":{"
             "\"name\":\"neutron-f3a8e2c4\",\"ports\":[\"set\",[[\"uuid\",\"" LP1 "\"]]]}},"
             "\"Logical_Switch_Port\":{\"" LP1 "\":{\"name\":\"24129afd\","
             "\"addresses\":\"fa:16:3e:5b:9c:21 10.0.0.5\"}}}]}",
             nb_schema);
    const char *const recs[] = {
        header,
        "{\"term\":1,\"vote\":\"b49a55c5-d2fa-4cf6-8ded-35274e930f65\"}",
        "{\"term\":1,\"index\":3,\"eid\":\"90099d99-ba8f-4edd-9748-9f8be14c8bc3\",\"data\":[null,"
        "{\"_is_diff\":true,\"Logical_Switch_Port\":{\"" LP1 "\":{\"up\":true}},\"_date\":5}]}",
        "{\"commit_index\":3}",
        "{\"term\":1,\"index\":4,\"data\":[null,{\"_is_diff\":true,\"Logical_Switch_Port\":{"
        "\"" LP2 "\":{\"name\":\"provnet-7c1e\",\"type\":\"localnet\"}},"
        "\"Logical_Switch\":{\"" LS1 "\":{\"ports\":[\"uuid\",\"" LP2 "\"]}}}]}",
        "[1,2,3]",
        NULL};
    char *db = build_db("CLUSTER", recs, -1);
    recorder r = {0};
    diag_log log = {0};
    assert_int_equal(run("ovsdb-file", "var/lib/ovn/ovnnb_db.db", NULL, db, strlen(db), &r, &log),
                     RCA_OK);
    static const char *const rows[] = {
        "ovsdb|OVN_Northbound|Logical_Switch|" LS1 "|_uuid|NULL|" LS1,
        "ovsdb|OVN_Northbound|Logical_Switch|" LS1 "|external_ids|NULL|NULL",
        "ovsdb|OVN_Northbound|Logical_Switch|" LS1 "|name|NULL|neutron-f3a8e2c4",
        "ovsdb|OVN_Northbound|Logical_Switch|" LS1 "|ports|NULL|" LP1,
        "ovsdb|OVN_Northbound|Logical_Switch|" LS1 "|ports|NULL|" LP2,
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP1 "|_uuid|NULL|" LP1,
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP1 "|addresses|NULL|fa:16:3e:5b:9c:21 10.0.0.5",
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP1 "|name|NULL|24129afd",
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP1 "|type|NULL|",
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP1 "|up|NULL|true",
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP2 "|_uuid|NULL|" LP2,
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP2 "|addresses|NULL|NULL",
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP2 "|name|NULL|provnet-7c1e",
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP2 "|type|NULL|localnet",
        "ovsdb|OVN_Northbound|Logical_Switch_Port|" LP2 "|up|NULL|NULL",
        NULL};
    static const unsigned lines[] = {9, 9, 9, 9, 9, 5, 5, 5, 5, 5, 9, 9, 9, 9, 9};
    expect_rows(&r, rows, lines);
    assert_int_equal(log.warnings, 1);
    rec_free(&r);
    free(db);
}

/* ------------------------------------------------------------------ robustness */

static const struct {
    const char *parser, *text;
} samples[] = {
    {"ovs-vsctl-show", show_compute4}, {"ovs-vsctl-show", show_old},
    {"ovsdb-list", list_sunbeam},      {"ovsdb-list", list_quoting},
    {"ovsdb-dump", dump_compute4},     {"ovn-sbctl-show", sbshow},
    {"ovn-nbctl-show", nbshow},
};

/* Every prefix of every sample parses without error or out-of-bounds read (ASan). */
static void test_every_prefix(void **state)
{
    (void)state;
    for (size_t s = 0; s < RCA_ARRAY_LEN(samples); s++) {
        size_t len = strlen(samples[s].text);
        for (size_t n = 0; n <= len; n++) {
            recorder r = {0};
            assert_int_equal(run(samples[s].parser, "prefix", NULL, samples[s].text, n, &r, NULL),
                             RCA_OK);
            rec_free(&r);
        }
    }
}

/* Flip bytes of the samples: the parsers must stay inside the text whatever they meet. */
static void test_mutations(void **state)
{
    (void)state;
    unsigned long seed = 99;
    static const char bytes[] = "\"\\{}[]=, \n:\0\x80\xff";
    for (size_t s = 0; s < RCA_ARRAY_LEN(samples); s++) {
        size_t len = strlen(samples[s].text);
        char *m = malloc(len);
        assert_non_null(m);
        for (int round = 0; round < 200; round++) {
            memcpy(m, samples[s].text, len);
            for (int k = 0; k < 4; k++) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                size_t at = (size_t)(seed >> 33) % len;
                m[at] = bytes[(seed >> 13) % (sizeof bytes - 1)];
            }
            recorder r = {0};
            assert_int_equal(run(samples[s].parser, "mutated", NULL, m, len, &r, NULL), RCA_OK);
            rec_free(&r);
        }
        free(m);
    }
}

int main(void)
{
    struct CMUnitTest tests[RCA_ARRAY_LEN(cases) + 9];
    size_t n = 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++) {
        struct CMUnitTest t = {cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
        tests[n++] = t;
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_show_cut_mid_bridge),
        cmocka_unit_test(test_sbshow_cut),
        cmocka_unit_test(test_list_table_names),
        cmocka_unit_test(test_file_standalone),
        cmocka_unit_test(test_file_cut_and_corrupt),
        cmocka_unit_test(test_file_without_schema),
        cmocka_unit_test(test_file_clustered),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_mutations),
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(fixed); i++)
        tests[n++] = fixed[i];
    return _cmocka_run_group_tests("ovsdb", tests, n, NULL, NULL);
}
