"""Files every small incident bundle's reports share (version.txt, hostname, date, timedatectl,
uname, uptime, df, free, meminfo), so that a bundle module only writes its story."""

from common import fmt_date_cmd, timedatectl, uptime_line, df_output, free_output, meminfo


def host_files(tr, host, collect_ms, boot_ms, uname_release, uname_build, df_rows, mem,
               sos="4.8.2", zone=("UTC", "Etc/UTC (UTC, +0000)"), loads=(3.12, 2.98, 2.71), tz_h=0):
    """mem: (total, used, free, shared, buff/cache, available) in kB, no swap. zone: the date
    command's abbreviation and timedatectl's "Time zone" value; tz_h: the offset from UTC."""
    tr.text("version.txt", f"sosreport: {sos}")
    tr.text("sos_commands/host/hostname", host + "\n")
    tr.text("etc/hostname", host + "\n")
    tr.text("sos_commands/date/date", fmt_date_cmd(collect_ms, tz_h, zone[0]) + "\n")
    tr.text("sos_commands/date/date_--utc", fmt_date_cmd(collect_ms, 0, "UTC") + "\n")
    tr.text("sos_commands/systemd/timedatectl", timedatectl(collect_ms + 21000, tz_h, zone[0], zone[1]))
    tr.text("sos_commands/kernel/uname_-a",
            f"Linux {host} {uname_release} {uname_build} x86_64 x86_64 x86_64 GNU/Linux\n")
    tr.text("sos_commands/host/uptime", uptime_line(collect_ms + 900, tz_h, boot_ms, 1, loads))
    tr.text("sos_commands/filesys/df_-al_-x_autofs", df_output(df_rows))
    total, used, free, shared, bc, avail = mem
    tr.text("sos_commands/memory/free", free_output(total, used, free, shared, bc, avail, 0, 0))
    tr.text("proc/meminfo", meminfo(total, free, avail, bc // 40, bc - bc // 40 - bc // 9, 0, 0, shared,
                                    used - used // 12, bc // 9 - bc // 40, used // 12))


def df_rows(root_dev, size, used, extra=(), dev_fs="devtmpfs"):
    """A physical host's df -al: pseudo filesystems, the root filesystem and extra rows. /dev is
    "udev" on Debian and Ubuntu, "devtmpfs" on RHEL."""
    return [("sysfs", 0, 0, 0, "/sys"), ("proc", 0, 0, 0, "/proc"), (dev_fs, 16393172, 0, 16393172, "/dev"),
            ("tmpfs", 3285012, 2912, 3282100, "/run"), (root_dev, size, used, size - used, "/"),
            ("tmpfs", 16425060, 0, 16425060, "/dev/shm")] + list(extra)
