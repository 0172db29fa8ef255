/* test_cmdout.c - unit tests of the command-output registry and of the df, free and meminfo
 * parsers (src/parse/cmdout.c), and of the facts of timedatectl, etc/timezone and nova.conf
 * (src/parse/facts.c). Inputs are excerpts of real sos reports (compute4, the juju lxd hosts) plus
 * the layouts other df/procps versions print; each case lists the rows a user would find in the
 * "df", "mem" and "fact" tables. Every parser is also run on every prefix of a sample, on
 * garbage and on empty input, under ASan in `make asan`.
 */
#include "rowrec.h"

/* ------------------------------------------------------------------ table-driven cases */

typedef struct parse_case {
    const char *name, *parser, *path, *arg, *input;
    const char *const *rows; /* NULL-terminated */
    const unsigned *lines;   /* one per row, or NULL */
    unsigned warnings;
} parse_case;

/* compute4 (Ubuntu focal, sos 4.2): sos_commands/filesys/df_-al_-x_autofs */
static const char df_compute4[] =
    "Filesystem     1K-blocks     Used Available Use% Mounted on\n"
    "sysfs                  0        0         0    - /sys\n"
    "udev             8151592        0   8151592   0% /dev\n"
    "/dev/vda2      308585260 25514372 267326276   9% /\n"
    "/dev/loop0         63488    63488         0 100% /snap/core20/1328\n"
    "cgroup                 0        0         0    - /sys/fs/cgroup/net_cls,net_prio\n"
    "/dev/dm-2      104790020  2081948 102708072   2% /var/lib/nova/instances\n"
    "tmpfs            1639316        0   1639316   0% /run/user/1000\n";
static const char *const df_compute4_rows[] = {
    "df|blocks|sysfs|NULL|0|0|0|NULL|/sys",
    "df|blocks|udev|NULL|8151592|0|8151592|0|/dev",
    "df|blocks|/dev/vda2|NULL|308585260|25514372|267326276|9|/",
    "df|blocks|/dev/loop0|NULL|63488|63488|0|100|/snap/core20/1328",
    "df|blocks|cgroup|NULL|0|0|0|NULL|/sys/fs/cgroup/net_cls,net_prio",
    "df|blocks|/dev/dm-2|NULL|104790020|2081948|102708072|2|/var/lib/nova/instances",
    "df|blocks|tmpfs|NULL|1639316|0|1639316|0|/run/user/1000",
    NULL};
static const unsigned df_compute4_lines[] = {2, 3, 4, 5, 6, 7, 8};

/* compute4: df_-ali_-x_autofs */
static const char df_inodes_compute4[] =
    "Filesystem       Inodes  IUsed    IFree IUse% Mounted on\n"
    "sysfs                 0      0        0     - /sys\n"
    "udev            2037898    495  2037403    1% /dev\n"
    "/dev/vda2      19660800 584543 19076257    3% /\n";
static const char *const df_inodes_compute4_rows[] = {
    "df|inodes|sysfs|NULL|0|0|0|NULL|/sys",
    "df|inodes|udev|NULL|2037898|495|2037403|1|/dev",
    "df|inodes|/dev/vda2|NULL|19660800|584543|19076257|3|/",
    NULL};

/* juju lxd container (sosreport-juju-04f1e3-0-lxd-5): df_-al_-x_autofs */
static const char df_lxd[] =
    "Filesystem       1K-blocks     Used Available Use% Mounted on\n"
    "/dev/vda2        308585260 24171768 268668880   9% /\n"
    "none                   492        4       488   1% /dev\n"
    "proc                     0        0         0    - /proc\n";
static const char *const df_lxd_rows[] = {
    "df|blocks|/dev/vda2|NULL|308585260|24171768|268668880|9|/",
    "df|blocks|none|NULL|492|4|488|1|/dev",
    "df|blocks|proc|NULL|0|0|0|NULL|/proc",
    NULL};

/* df -aliT (sos >= 4.x names it df_-aliT_-x_autofs) */
static const char df_inodes_type[] =
    "Filesystem     Type       Inodes  IUsed   IFree IUse% Mounted on\n"
    "/dev/vda1      ext4      2621440 123456 2497984    5% /\n"
    "proc           proc            0      0       0     - /proc\n";
static const char *const df_inodes_type_rows[] = {
    "df|inodes|/dev/vda1|ext4|2621440|123456|2497984|5|/",
    "df|inodes|proc|proc|0|0|0|NULL|/proc",
    NULL};

/* df -hT: human sizes, a mount point and a filesystem name with blanks */
static const char df_human[] =
    "Filesystem     Type   Size  Used Avail Use% Mounted on\n"
    "/dev/vda1      ext4    20G  1.5G   18G   8% /\n"
    "//srv/share    cifs   1.0T  512M  1.0T   1% /mnt/my share\n"
    "tmpfs          tmpfs  492K     0  492K   0% /dev/shm\n"
    "map auto_home  autofs    0     0     0    - /System/Volumes/Data/home\n";
static const char *const df_human_rows[] = {
    "df|blocks|/dev/vda1|ext4|20971520|1572864|18874368|8|/",
    "df|blocks|//srv/share|cifs|1073741824|524288|1073741824|1|/mnt/my share",
    "df|blocks|tmpfs|tmpfs|492|0|492|0|/dev/shm",
    "df|blocks|map auto_home|autofs|0|0|0|NULL|/System/Volumes/Data/home",
    NULL};

/* old coreutils wraps a long device name; the last line is cut */
static const char df_wrapped[] =
    "Filesystem           1K-blocks      Used Available Use% Mounted on\n"
    "/dev/mapper/VolGroup00-LogVol00\n"
    "                      20642428   3658948  15935340  19% /\n"
    "/dev/sda1               101086     12613     83254  14% /boot\n"
    "tmpfs                  1639320      150";
static const char *const df_wrapped_rows[] = {
    "df|blocks|/dev/mapper/VolGroup00-LogVol00|NULL|20642428|3658948|15935340|19|/",
    "df|blocks|/dev/sda1|NULL|101086|12613|83254|14|/boot",
    NULL};
static const unsigned df_wrapped_lines[] = {2, 4};

/* df -P and df -B 512 */
static const char df_posix[] =
    "Filesystem     1024-blocks      Used Available Capacity Mounted on\n"
    "/dev/vda1         20511312   4410624  15035784      23% /\n"
    "Filesystem     512-blocks   Used Available Capacity Mounted on\n"
    "/dev/sda1            2000   1000      1000      50% /boot\n";
static const char *const df_posix_rows[] = {
    "df|blocks|/dev/vda1|NULL|20511312|4410624|15035784|23|/",
    "df|blocks|/dev/sda1|NULL|1000|500|500|50|/boot",
    NULL};

static const char df_error[] = "df: cannot read table of mounted file systems: No such file\n";
static const char *const no_rows[] = {NULL};

/* compute4: sos_commands/memory/free and free_-m */
static const char free_compute4[] =
    "              total        used        free      shared  buff/cache   available\n"
    "Mem:       16393164     7474740      185156       44924     8733268     8638440\n"
    "Swap:       4194300       67584     4126716\n";
static const char *const free_compute4_rows[] = {
    "mem|free|16393164|7474740|185156|44924|8733268|8638440|4194300|4126716", NULL};
static const unsigned line2[] = {2};

static const char free_m_compute4[] =
    "              total        used        free      shared  buff/cache   available\n"
    "Mem:          16008        7301         178          43        8528        8433\n"
    "Swap:          4095          66        4029\n";
static const char *const free_m_compute4_rows[] = {
    "mem|free|16392192|7476224|182272|44032|8732672|8635392|4193280|4125696", NULL};

/* juju lxd-0: a 2 GiB container without swap */
static const char free_lxd[] =
    "              total        used        free      shared  buff/cache   available\n"
    "Mem:        2097152     1286936        2208         216      808008      810216\n"
    "Swap:             0           0           0\n";
static const char *const free_lxd_rows[] = {
    "mem|free|2097152|1286936|2208|216|808008|810216|0|0", NULL};

/* procps 3.2 (RHEL 6): buffers and cached apart, "used" counts them */
static const char free_old[] =
    "             total       used       free     shared    buffers     cached\n"
    "Mem:      16334624   15956924     377700          0     283024   13624364\n"
    "-/+ buffers/cache:    2049536   14285088\n"
    "Swap:      8388604      18172    8370432\n";
static const char *const free_old_rows[] = {
    "mem|free|16334624|2049536|377700|0|13907388|NULL|8388604|8370432", NULL};
static const char free_old_nominus[] =
    "             total       used       free     shared    buffers     cached\n"
    "Mem:      16334624   15956924     377700          0     283024   13624364\n"
    "Swap:      8388604      18172    8370432\n";

/* procps-ng free -h and free -w */
static const char free_h[] =
    "               total        used        free      shared  buff/cache   available\n"
    "Mem:            15Gi       7.1Gi       180Mi        43Mi       8.3Gi       8.2Gi\n"
    "Swap:          4.0Gi        66Mi       3.9Gi\n";
static const char *const free_h_rows[] = {
    "mem|free|15728640|7444890|184320|44032|8703181|8598323|4194304|4089446", NULL};
static const char free_w[] =
    "               total        used        free      shared     buffers       cache   available\n"
    "Mem:       16393164     7474740      185156       44924      300000     8433268     8638440\n"
    "Swap:       4194300       67584     4126716\n";
static const char *const free_w_rows[] = {
    "mem|free|16393164|7474740|185156|44924|8733268|8638440|4194300|4126716", NULL};

/* juju lxd-0: proc/meminfo (LXCFS: Buffers 0) */
static const char meminfo_lxd[] = "MemTotal:        2097152 kB\n"
                                  "MemFree:           10976 kB\n"
                                  "MemAvailable:     818588 kB\n"
                                  "Buffers:               0 kB\n"
                                  "Cached:           807612 kB\n"
                                  "SwapCached:            0 kB\n"
                                  "Active:          1029164 kB\n"
                                  "SwapTotal:             0 kB\n"
                                  "SwapFree:              0 kB\n"
                                  "Shmem:               216 kB\n"
                                  "HugePages_Total:       0\n"
                                  "Hugepagesize:       2048 kB\n";
static const char *const meminfo_lxd_rows[] = {
    "mem|meminfo|2097152|1278564|10976|216|807612|818588|0|0", NULL};
static const unsigned line1[] = {1};

/* a 2.6.32 kernel: no MemAvailable, no Shmem */
static const char meminfo_old[] = "MemTotal:        8061612 kB\n"
                                  "MemFree:          325368 kB\n"
                                  "Buffers:          201744 kB\n"
                                  "Cached:          4876100 kB\n"
                                  "SwapCached:            0 kB\n"
                                  "SwapTotal:       2097148 kB\n"
                                  "SwapFree:        2097148 kB\n";
static const char *const meminfo_old_rows[] = {
    "mem|meminfo|8061612|2658400|325368|NULL|5077844|NULL|2097148|2097148", NULL};

/* The zone by name, from timedatectl and etc/timezone (facts.c): what the host's time zone is
 * read with. */
static const char timedatectl_paris[] = "               Local time: Wed 2025-04-02 16:40:41 CEST\n"
                                        "           Universal time: Wed 2025-04-02 14:40:41 UTC\n"
                                        "                Time zone: Europe/Paris (CEST, +0200)  \n";
static const char *const timedatectl_paris_rows[] = {
    "fact|collected_utc|1743604841", "fact|tz_name|Europe/Paris", "fact|utc_offset|7200",
    "fact|tz_abbr|CEST", NULL};
static const unsigned timedatectl_paris_lines[] = {2, 3, 3, 3};
static const char *const timedatectl_kathmandu_rows[] = {
    "fact|tz_name|Asia/Kathmandu", "fact|utc_offset|20700", "fact|tz_abbr|+0545", NULL};
static const char *const tz_file_rows[] = {"fact|tz_timezone|America/New_York", NULL};

/* nova.conf: [DEFAULT] host (the first) and the options that size a compute's inventory in
 * placement; the same names in another section, comments and empty values are not facts. */
static const char nova_conf[] = "[DEFAULT]\n"
                                "host = cmp-1.example.com\n"
                                "# ram_allocation_ratio = 1.5\n"
                                "ram_allocation_ratio=1.0\n"
                                "reserved_host_memory_mb = 4096  \n"
                                "cpu_allocation_ratio =\n"
                                "host = other\n"
                                "[placement]\n"
                                "disk_allocation_ratio = 3.0\n"
                                "virt_type = xen\n"
                                "[libvirt]\n"
                                "virt_type = qemu\n"
                                "ovs_bridge = br-x\n"
                                "[DEFAULT]\n"
                                "initial_disk_allocation_ratio = 1.0\n"
                                "[neutron]\n"
                                "ovs_bridge_extra = no\n"
                                "ovs_bridge = br-ex\n";
static const char *const nova_conf_rows[] = {
    "fact|nova_host|cmp-1.example.com", "fact|nova_conf.ram_allocation_ratio|1.0",
    "fact|nova_conf.reserved_host_memory_mb|4096", "fact|nova_conf.libvirt.virt_type|qemu",
    "fact|nova_conf.initial_disk_allocation_ratio|1.0", "fact|nova_conf.neutron.ovs_bridge|br-ex", NULL};
static const unsigned nova_conf_lines[] = {2, 4, 5, 12, 15, 18};

/* uname -a (facts.c): the kernel release, and the machine when it is x86_64 (the kernel release
 * itself can hold "x86_64", which is not the machine field). */
static const char *const uname_rhel_rows[] = {"fact|kernel|5.14.0-284.92.1.el9_2.x86_64",
                                              "fact|machine|x86_64", NULL};
static const char *const uname_debian_rows[] = {"fact|kernel|6.1.0-28-amd64", "fact|machine|x86_64",
                                                NULL};
static const char *const uname_arm_rows[] = {"fact|kernel|5.15.0-131-generic", NULL};

/* status-kv (sysinfo.c): unindented "Key: value" lines of a unixctl reply, as facts under the
 * layout map's argument; the server list (indented) and free text are not. */
static const char cluster_status[] = "1b2c\n"
                                     "Name: OVN_Northbound\n"
                                     "Cluster ID: 9a3e (9a3e1234-5b6c-4d7e-8f90-a1b2c3d4e5f6)\n"
                                     "Status: disconnected from the cluster (election timeout)\n"
                                     "Role: candidate\n"
                                     "Term: 7\n"
                                     "Leader: unknown\n"
                                     "\n"
                                     "Servers:\n"
                                     "    1b2c (1b2c at tcp:192.0.2.10:6643) (self)\n"
                                     "    Leader: not a fact\n";
static const char *const cluster_status_rows[] = {
    "fact|ovn_nb.name|OVN_Northbound",
    "fact|ovn_nb.cluster_id|9a3e (9a3e1234-5b6c-4d7e-8f90-a1b2c3d4e5f6)",
    "fact|ovn_nb.status|disconnected from the cluster (election timeout)",
    "fact|ovn_nb.role|candidate", "fact|ovn_nb.term|7", "fact|ovn_nb.leader|unknown", NULL};
static const unsigned cluster_status_lines[] = {2, 3, 4, 5, 6, 7};
static const char *const northd_status_rows[] = {"fact|ovn_northd.status|standby", NULL};

/* uptime (sysinfo.c): the up time in seconds, to the minute, in each procps form. */
static const char *const uptime_days_rows[] = {"fact|uptime_s|3985920", NULL};
static const char *const uptime_min_rows[] = {"fact|uptime_s|420", NULL};
static const char *const uptime_day_min_rows[] = {"fact|uptime_s|87000", NULL};
static const char *const uptime_hm_rows[] = {"fact|uptime_s|18120", NULL};

/* lsmod (sysinfo.c): which kvm modules are loaded; none is a fact too. */
static const char lsmod_kvm[] = "Module                  Size  Used by\n"
                                "vhost_net              32768  3\n"
                                "kvm_intel             380928  12\n"
                                "kvm                  1142784  1 kvm_intel\n"
                                "irqbypass              16384  13 kvm\n";
static const char lsmod_nokvm[] = "Module                  Size  Used by\n"
                                  "vhost_net              32768  3\n"
                                  "kvmgt                  16384  0\n";
static const char *const lsmod_kvm_rows[] = {"fact|kvm_modules|kvm_intel,kvm", NULL};
static const char *const lsmod_nokvm_rows[] = {"fact|kvm_modules|", NULL};

static const parse_case cases[] = {
    {"timedatectl", "timedatectl", "sos_commands/systemd/timedatectl", NULL, timedatectl_paris,
     timedatectl_paris_rows, timedatectl_paris_lines, 0},
    {"timedatectl +0545", "timedatectl", "timedatectl", NULL,
     "  Time zone: Asia/Kathmandu (+0545, +0545)\n", timedatectl_kathmandu_rows, NULL, 0},
    {"nova.conf", "nova-conf", "etc/nova/nova.conf", NULL, nova_conf, nova_conf_rows,
     nova_conf_lines, 0},
    {"uname RHEL", "uname", "sos_commands/kernel/uname_-a", NULL,
     "Linux compute-0.localdomain 5.14.0-284.92.1.el9_2.x86_64 #1 SMP PREEMPT_DYNAMIC Mon Oct 28 "
     "11:24:21 EDT 2024 x86_64 x86_64 x86_64 GNU/Linux\n",
     uname_rhel_rows, NULL, 0},
    {"uname Debian", "uname", "uname", NULL,
     "Linux cmp-1 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 "
     "GNU/Linux\n",
     uname_debian_rows, NULL, 0},
    {"uname arm", "uname", "uname", NULL,
     "Linux cmp-2 5.15.0-131-generic #141-Ubuntu SMP Fri Jan 10 21:18:28 UTC 2025 aarch64 aarch64 "
     "aarch64 GNU/Linux\n",
     uname_arm_rows, NULL, 0},
    {"cluster/status", "status-kv", "sos_commands/ovn_central/ovs-appctl_-t_.var.run.ovn.ovnnb_db.ctl_cluster.status_OVN_Northbound",
     "ovn_nb", cluster_status, cluster_status_rows, cluster_status_lines, 0},
    {"northd status", "status-kv", "ovn-appctl_-t_.var.run.ovn.ovn-northd.812.ctl_status",
     "ovn_northd", "Status: standby\n", northd_status_rows, line1, 0},
    {"cluster/status of a standalone db", "status-kv", "cluster.status", "ovn_sb",
     "unknown cluster\novs-appctl: ovsdb-server: server returned an error\n", no_rows, NULL, 0},
    {"status-kv garbage", "status-kv", "status", "ovn_sb", "command not found\n", no_rows, NULL,
     1},
    {"uptime days", "uptime", "sos_commands/host/uptime", NULL,
     " 15:40:13 up 46 days,  3:12,  1 user,  load average: 0.50, 0.40, 0.30\n", uptime_days_rows,
     line1, 0},
    {"uptime minutes", "uptime", "uptime", NULL,
     " 09:01:55 up 7 min,  0 users,  load average: 2.10, 1.05, 0.41\n", uptime_min_rows, NULL, 0},
    {"uptime a day and minutes", "uptime", "uptime", NULL,
     " 09:01:55 up 1 day, 10 min,  2 users,  load average: 0.00, 0.01, 0.05\n",
     uptime_day_min_rows, NULL, 0},
    {"uptime hours", "uptime", "uptime", NULL, "09:01:55 up  5:02,  load average: 0.1, 0.1, 0.1\n",
     uptime_hm_rows, NULL, 0},
    {"uptime error text", "uptime", "uptime", NULL, "uptime: command not found\n", no_rows, NULL,
     1},
    {"lsmod with kvm", "lsmod", "sos_commands/kernel/lsmod", NULL, lsmod_kvm, lsmod_kvm_rows,
     line1, 0},
    {"lsmod without kvm", "lsmod", "sos_commands/kernel/lsmod", NULL, lsmod_nokvm,
     lsmod_nokvm_rows, NULL, 0},
    {"lsmod error text", "lsmod", "lsmod", NULL, "lsmod: not found\n", no_rows, NULL, 1},
    {"etc/timezone", "timezone", "etc/timezone", NULL, "\n  America/New_York \n",
     tz_file_rows, line2, 0},
    {"etc/timezone, not a name", "timezone", "etc/timezone", NULL, "Europe Paris\n", no_rows,
     NULL, 0},
    {"df compute4", "df", "sos_commands/filesys/df_-al_-x_autofs", NULL, df_compute4,
     df_compute4_rows, df_compute4_lines, 0},
    {"df inodes compute4", "df", "sos_commands/filesys/df_-ali_-x_autofs", NULL,
     df_inodes_compute4, df_inodes_compute4_rows, NULL, 0},
    {"df lxd", "df", "df", NULL, df_lxd, df_lxd_rows, NULL, 0},
    {"df inodes with type", "df", "sos_commands/filesys/df_-aliT_-x_autofs", NULL,
     df_inodes_type, df_inodes_type_rows, NULL, 0},
    {"df human sizes and blanks", "df", "df_-h", NULL, df_human, df_human_rows, NULL, 0},
    {"df wrapped and cut", "df", "sos_commands/filesys/df_-al", NULL, df_wrapped,
     df_wrapped_rows, df_wrapped_lines, 1},
    {"df posix and 512-blocks", "df", "df_-P", NULL, df_posix, df_posix_rows, NULL, 0},
    {"df error text", "df", "df", NULL, df_error, no_rows, NULL, 1},
    {"free compute4", "free", "sos_commands/memory/free", NULL, free_compute4,
     free_compute4_rows, line2, 0},
    {"free -m compute4", "free", "sos_commands/memory/free_-m", NULL, free_m_compute4,
     free_m_compute4_rows, line2, 0},
    {"free lxd", "free", "free", NULL, free_lxd, free_lxd_rows, NULL, 0},
    {"free old layout", "free", "sos_commands/memory/free", NULL, free_old, free_old_rows,
     line2, 0},
    {"free old layout without -/+", "free", "free", NULL, free_old_nominus, free_old_rows, NULL,
     0},
    {"free -h", "free", "sos_commands/memory/free_-h", NULL, free_h, free_h_rows, NULL, 0},
    {"free -w", "free", "free_-w", NULL, free_w, free_w_rows, NULL, 0},
    {"free error text", "free", "free", NULL, "free: command not found\n", no_rows, NULL, 1},
    {"meminfo lxd", "meminfo", "proc/meminfo", NULL, meminfo_lxd, meminfo_lxd_rows, line1, 0},
    {"meminfo old kernel", "meminfo", "proc/meminfo", NULL, meminfo_old, meminfo_old_rows, NULL,
     0},
    {"meminfo without MemTotal", "meminfo", "proc/meminfo", NULL, "Cached: 12 kB\n", no_rows,
     NULL, 1},
};

static void run_case(void **state)
{
    const parse_case *c = *state;
    recorder r = {0};
    diag_log log = {0};
    rca_err rc = run(c->parser, c->path, c->arg, c->input, strlen(c->input), &r, &log);
    assert_int_equal(rc, RCA_OK);
    expect_rows(&r, c->rows, c->lines);
    assert_int_equal(log.warnings, c->warnings);
    assert_int_equal(log.errors, 0);
    rec_free(&r);
}

/* ------------------------------------------------------------------ robustness */

/* The parsers of cmdout.c, ovs_show.c, ovsdb_text.c and ovsdb_file.c (the registry holds
 * others too). */
static const char *const names[] = {"df",          "free",           "meminfo",
                                    "ovs-vsctl-show", "ovsdb-list",  "ovsdb-dump",
                                    "ovn-sbctl-show", "ovn-nbctl-show", "ovsdb-file",
                                    "timedatectl",  "timezone",       "uptime",
                                    "lsmod",        "status-kv"};

static void test_registry(void **state)
{
    (void)state;
    for (size_t i = 0; i < RCA_ARRAY_LEN(names); i++) {
        const rca_cmd_parser *p = rca_parse_find(names[i]);
        assert_non_null(p);
        assert_string_equal(p->name, names[i]);
        assert_non_null(p->parse);
    }
    size_t n = 0;
    for (const rca_cmd_parser *p = rca_parse_all(); p->name; p++) {
        assert_ptr_equal(rca_parse_find(p->name), p); /* names are unique */
        assert_non_null(p->parse);
        n++;
    }
    assert_true(n >= RCA_ARRAY_LEN(names));
    assert_null(rca_parse_find("no-such-parser"));
    assert_null(rca_parse_find(NULL));

    recorder r = {0};
    diag_log log = {0};
    assert_int_equal(run("no-such-parser", "x", NULL, "a\n", 2, &r, &log), RCA_EINTERNAL);
    assert_int_equal(log.errors, 1);
    assert_int_equal(r.n, 0);
}

/* Samples every parser is run on: its own and everybody else's. */
typedef struct sample {
    const char *parser, *path, *text;
} sample;

static const sample samples[] = {
    {"df", "df", df_compute4},
    {"df", "df_-h", df_human},
    {"df", "df", df_wrapped},
    {"free", "free", free_old},
    {"free", "free_-h", free_h},
    {"meminfo", "proc/meminfo", meminfo_lxd},
    {"ovs-vsctl-show", "ovs-vsctl_-t_5_show",
     "b8a20458-9009-41a0-aa49-71bcc0080537\n"
     "    Bridge br-int\n"
     "        Controller \"tcp:127.0.0.1:6633\"\n"
     "            is_connected: true\n"
     "        Port \"ovn-fea4ee-0\"\n"
     "            Interface ovn-fea4ee-0\n"
     "                type: geneve\n"
     "                options: {csum=\"true\", key=flow, remote_ip=\"198.51.100.22\"}\n"
     "                error: \"could not add (x)\"\n"},
    {"ovsdb-list", "ovn-sbctl_list_Chassis",
     "_uuid               : 1db9060c-4cad-473d-a288-a101f60830fb\n"
     "external_ids        : {\"a b\"=\"c, d\", e=f}\n"
     "encaps              : [f0098074-0863-4937-9d2e-f4d3ce62eaf2]\n"},
    {"ovn-sbctl-show", "ovn-sbctl_show",
     "Chassis compute-1\n    hostname: compute-1\n    Encap geneve\n        ip: \"192.0.2.11\"\n"
     "    Port_Binding \"24129afd\"\n"},
    {"ovsdb-file", "conf.db",
     "OVSDB JSON 10 0\n{\"name\":\"Open_vSwitch\",\"tables\":{}}\n"
     "OVSDB JSON 10 0\n{\"Bridge\":{\"u1\":{\"name\":\"br-int\",\"ports\":[\"set\",[]]}}}\n"},
};

static void test_every_prefix(void **state)
{
    (void)state;
    for (size_t s = 0; s < RCA_ARRAY_LEN(samples); s++) {
        size_t len = strlen(samples[s].text);
        for (size_t cut = 0; cut <= len; cut++) {
            recorder r = {0};
            assert_int_equal(
                run(samples[s].parser, samples[s].path, NULL, samples[s].text, cut, &r, NULL),
                RCA_OK);
            rec_free(&r);
        }
    }
}

static void test_every_parser_on_every_sample(void **state)
{
    (void)state;
    for (size_t p = 0; p < RCA_ARRAY_LEN(names); p++) {
        for (size_t s = 0; s < RCA_ARRAY_LEN(samples); s++) {
            recorder r = {0};
            const char *t = samples[s].text;
            assert_int_equal(run(names[p], samples[s].path, NULL, t, strlen(t), &r, NULL), RCA_OK);
            rec_free(&r);
        }
    }
}

static void test_garbage(void **state)
{
    (void)state;
    unsigned long seed = 12345;
    char buf[512];
    /* Bytes drawn from a small alphabet of the characters the parsers care about, so that the
     * garbage reaches deep into their states, and from all 256 values. */
    static const char alphabet[] = "  \n\n\t\"\\[]{}=,:%-.0123456789KMGiBabOVSDBJSONCLUSTER_|";
    for (size_t p = 0; p < RCA_ARRAY_LEN(names); p++) {
        for (int round = 0; round < 300; round++) {
            size_t len = (size_t)(round % 97) * 5;
            for (size_t i = 0; i < len; i++) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                unsigned v = (unsigned)(seed >> 33);
                buf[i] = round % 2 ? (char)(v & 0xFF) : alphabet[v % (sizeof alphabet - 1)];
            }
            recorder r = {0};
            assert_int_equal(run(names[p], "garbage", NULL, buf, len, &r, NULL), RCA_OK);
            rec_free(&r);
        }
    }
}

static void test_empty(void **state)
{
    (void)state;
    for (size_t p = 0; p < RCA_ARRAY_LEN(names); p++) {
        recorder r = {0};
        diag_log log = {0};
        rca_diag diag = {diag_fn, &log, 0, 0, 0};
        rca_row_sink sink = {rec_row, &r};
        log.path = "empty";
        assert_int_equal(rca_parse_command(names[p], "empty", NULL, NULL, 0, &sink, &diag), RCA_OK);
        assert_int_equal(rca_parse_command(names[p], "empty", NULL, "", 0, &sink, &diag), RCA_OK);
        assert_int_equal(run(names[p], "empty", NULL, "\n\n", 2, &r, &log), RCA_OK);
        assert_int_equal(r.n, 0);
        assert_int_equal(log.warnings, 0);
    }
    /* A NULL sink drops rows (the fuzz targets use it); a NULL diag drops messages. */
    for (size_t s = 0; s < RCA_ARRAY_LEN(samples); s++) {
        const char *t = samples[s].text;
        assert_int_equal(rca_parse_command(samples[s].parser, samples[s].path, NULL, t, strlen(t),
                                           NULL, NULL),
                         RCA_OK);
    }
}

/* A sink error stops the parser at once (no row after the refused one) and comes back
 * unchanged. */
static void test_sink_error(void **state)
{
    (void)state;
    for (size_t s = 0; s < RCA_ARRAY_LEN(samples); s++) {
        recorder r = {0};
        r.fail_at = 1;
        const char *t = samples[s].text;
        assert_int_equal(run(samples[s].parser, samples[s].path, NULL, t, strlen(t), &r, NULL),
                         RCA_EDB);
        assert_int_equal(r.n, 0);
        rec_free(&r);
    }
}

int main(void)
{
    struct CMUnitTest tests[RCA_ARRAY_LEN(cases) + 6];
    size_t n = 0;
    for (size_t i = 0; i < RCA_ARRAY_LEN(cases); i++) {
        struct CMUnitTest t = {cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
        tests[n++] = t;
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_every_parser_on_every_sample),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_sink_error),
    };
    for (size_t i = 0; i < RCA_ARRAY_LEN(fixed); i++)
        tests[n++] = fixed[i];
    return _cmocka_run_group_tests("cmdout", tests, n, NULL, NULL);
}
