"""Shared helpers for the sosrca test-data generator.

Everything here is deterministic: random streams are seeded from fixed strings
(random.Random(str) hashes the string with SHA-512, independent of
PYTHONHASHSEED), no current time is ever read, and output order is fixed.
"""

import datetime as _dt
import gzip
import io
import os
import random
import uuid as _uuid

SEED = "sosrca-testdata-v1"

UTC = _dt.timezone.utc


def rng(name):
    """A private random stream per purpose, so editing one file's noise does
    not shift the values of another."""
    return random.Random(f"{SEED}:{name}")


def uuid4(r):
    return str(_uuid.UUID(int=r.getrandbits(128), version=4))


def hex32(r):
    return "%032x" % r.getrandbits(128)


def req(r):
    return "req-" + uuid4(r)


def mac(r):
    return "fa:16:3e:%02x:%02x:%02x" % (r.randrange(256), r.randrange(256), r.randrange(256))


# ---------------------------------------------------------------- time ----
# All times are integer milliseconds since the epoch, UTC.

def T(date, hms, ms=0):
    """T('2025-03-03', '14:02:11', 412) -> epoch ms (UTC)."""
    d = _dt.datetime.strptime(f"{date} {hms}", "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    return int(d.timestamp()) * 1000 + ms


def _dt_of(ms, tz_h=0):
    return _dt.datetime.fromtimestamp(ms // 1000, UTC) + _dt.timedelta(hours=tz_h), ms % 1000


def fmt_oslo(ms, tz_h):
    d, m = _dt_of(ms, tz_h)
    return d.strftime("%Y-%m-%d %H:%M:%S") + ".%03d" % m


def fmt_vlog(ms):
    d, m = _dt_of(ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % m


def fmt_syslog(ms, tz_h):
    d, _ = _dt_of(ms, tz_h)
    return d.strftime("%b ") + ("%2d" % d.day) + d.strftime(" %H:%M:%S")


def fmt_plain(ms, tz_h):
    d, _ = _dt_of(ms, tz_h)
    return d.strftime("%Y-%m-%d %H:%M:%S")


def fmt_date_cmd(ms, tz_h, zone):
    """`date` output: 'Mon Mar  3 15:40:12 CET 2025'."""
    d, _ = _dt_of(ms, tz_h)
    return d.strftime("%a %b ") + ("%2d" % d.day) + d.strftime(" %H:%M:%S ") + zone + d.strftime(" %Y")


def epoch_s(ms):
    return ms // 1000


# ---------------------------------------------------------------- logs ----

class Events:
    """Time-ordered collection of (already formatted or lazily formatted)
    records. Ties keep insertion order."""

    def __init__(self):
        self.ev = []
        self.n = 0
        self.window = None  # (start_ms, end_ms): records outside are dropped


    def put(self, ms, payload):
        self.ev.append((ms, self.n, payload))
        self.n += 1

    def sorted(self):
        ev = self.ev
        if self.window:
            a, b = self.window
            ev = [e for e in ev if a <= e[0] <= b]
        return sorted(ev, key=lambda e: (e[0], e[1]))


class OsloLog(Events):
    """oslo.log text file. ctx is the text inside the context brackets
    ('-' for no context). Debug records take dbg=(funcName, pathname, lineno)."""

    def __init__(self, tz_h):
        super().__init__()
        self.tz_h = tz_h

    def log(self, ms, pid, level, logger, ctx, msg, instance=None, dbg=None):
        self.put(ms, ("rec", pid, level, logger, ctx, msg, instance, dbg, None))

    def exc(self, ms, pid, logger, ctx, msg, tb_lines, instance=None):
        """ERROR record with a traceback: first line carries the context,
        every traceback line carries logging_exception_prefix."""
        self.put(ms, ("rec", pid, "ERROR", logger, ctx, msg, instance, None, tb_lines))

    def raw(self, ms, text):
        self.put(ms, ("raw", text))

    def render(self):
        out = []
        for ms, _, p in self.sorted():
            if p[0] == "raw":
                out.append(p[1])
                continue
            _, pid, level, logger, ctx, msg, instance, dbg, tb = p
            ts = fmt_oslo(ms, self.tz_h)
            inst = f"[instance: {instance}] " if instance else ""
            line = f"{ts} {pid} {level} {logger} [{ctx}] {inst}{msg}"
            if level == "DEBUG" and dbg:
                line += f" {dbg[0]} {dbg[1]}:{dbg[2]}"
            out.append(line)
            if tb:
                pre = f"{ts} {pid} ERROR {logger} {inst}"
                for t in tb:
                    out.append(pre + t)
        return "\n".join(out) + "\n"


class VlogLog(Events):
    """OVS/OVN vlog file: %D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m.
    Sequence numbers are per process; restart(ms, first_seq) starts a new
    process (the counter jumps back)."""

    def __init__(self, first_seq):
        super().__init__()
        self.first_seq = first_seq

    def log(self, ms, module, level, msg):
        self.put(ms, ("rec", module, level, msg))

    def restart(self, ms, first_seq=1):
        self.put(ms, ("restart", first_seq))

    def render(self):
        out = []
        seq = self.first_seq
        for ms, _, p in self.sorted():
            if p[0] == "restart":
                seq = p[1]
                continue
            _, module, level, msg = p
            out.append(f"{fmt_vlog(ms)}|{seq:05d}|{module}|{level}|{msg}")
            seq += 1
        return "\n".join(out) + "\n"


class TextLog(Events):
    """Lines rendered by a caller-supplied function of ms."""

    def line(self, ms, fn):
        self.put(ms, fn)

    def render(self):
        return "".join(fn(ms) + "\n" for ms, _, fn in self.sorted())


# --------------------------------------------------------------- files ----

class Tree:
    """Writes one sos report directory."""

    def __init__(self, root):
        self.root = root
        self.files = []

    def path(self, rel):
        p = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def text(self, rel, content):
        with open(self.path(rel), "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
        self.files.append(rel)

    def gz(self, rel, content):
        """Like `gzip -n -9`: no file name, mtime 0 in the header."""
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buf, mtime=0) as g:
            g.write(content.encode("utf-8"))
        with open(self.path(rel), "wb") as f:
            f.write(buf.getvalue())
        self.files.append(rel)

    def symlink(self, rel, target):
        p = self.path(rel)
        if os.path.lexists(p):
            os.remove(p)
        os.symlink(target, p)
        self.files.append(rel)


# ------------------------------------------------------ ovsdb rendering ----

def _is_uuid(s):
    try:
        return str(_uuid.UUID(s)) == s.lower() and len(s) == 36
    except ValueError:
        return False


def q(s):
    """ovsdb string atom as printed by ovs-vsctl/ovn-sbctl (lib/ovsdb-data.c
    string_needs_quotes): bare only if [A-Za-z_][A-Za-z0-9_.-]*, not
    true/false and not a UUID."""
    s = str(s)
    need = False
    if not s or not (s[0].isalpha() or s[0] == "_"):
        need = True
    elif any(not (c.isalnum() or c in "_-.") for c in s):
        need = True
    elif s in ("true", "false") or _is_uuid(s):
        need = True
    if not need:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def omap(d):
    """ovsdb map of strings, keys sorted."""
    return "{" + ", ".join(f"{q(k)}={q(v)}" for k, v in sorted(d.items())) + "}"


def oset_str(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def oset_raw(items):
    """set of uuids / integers / booleans (printed bare)."""
    return "[" + ", ".join(str(i) for i in items) + "]"


def olist(rows):
    """`ovs-vsctl list` / `ovn-sbctl list` output: '%-20s: ' column names,
    _uuid first then the columns in alphabetical order, records separated by
    a blank line. rows: list of dicts column->already formatted value."""
    blocks = []
    for r in rows:
        cols = ["_uuid"] + sorted(k for k in r if k != "_uuid")
        blocks.append("\n".join("%-20s: %s" % (c, r[c]) for c in cols))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


# ------------------------------------------------------ host command output

def timedatectl(local_ms, tz_h, tzname, zone_line, rtc_offset_s=-1):
    rows = [
        ("Local time", "%s %s" % (_dt_of(local_ms, tz_h)[0].strftime("%a %Y-%m-%d %H:%M:%S"), tzname)),
        ("Universal time", "%s UTC" % _dt_of(local_ms)[0].strftime("%a %Y-%m-%d %H:%M:%S")),
        ("RTC time", _dt_of(local_ms + rtc_offset_s * 1000)[0].strftime("%a %Y-%m-%d %H:%M:%S")),
        ("Time zone", zone_line),
        ("System clock synchronized", "yes"),
        ("NTP service", "active"),
        ("RTC in local TZ", "no"),
    ]
    lines = ["%25s: %s" % (k, v) for k, v in rows]
    w = max(len(l) for l in lines)
    return "\n".join(l.ljust(w) for l in lines) + "\n"


def uptime_line(ms, tz_h, boot_ms, users, loads):
    d, _ = _dt_of(ms, tz_h)
    up_min = (ms - boot_ms) // 60000
    days, rem = divmod(up_min, 1440)
    h, m = divmod(rem, 60)
    if days:
        up = "%d days, %2d:%02d" % (days, h, m)
    else:
        up = "%2d:%02d" % (h, m)
    return " %s up %s,  %d user%s,  load average: %s\n" % (
        d.strftime("%H:%M:%S"), up, users, "" if users == 1 else "s", ", ".join("%.2f" % x for x in loads))


def df_output(rows):
    """rows: (fs, size_kb, used_kb, avail_kb or None for pseudo fs, mount).
    Mirrors `df -al -x autofs` (1K-blocks, Use% rounded up like coreutils)."""
    out = [("Filesystem", "1K-blocks", "Used", "Available", "Use%", "Mounted on")]
    for fs, size, used, avail, mnt in rows:
        if size == 0:
            out.append((fs, "0", "0", "0", "-", mnt))
        else:
            tot = used + avail
            pct = -(-used * 100 // tot) if tot else 0
            out.append((fs, str(size), str(used), str(avail), "%d%%" % pct, mnt))
    w0 = max([14] + [len(r[0]) for r in out])
    ws = [max(len(r[i]) for r in out) for i in range(1, 5)]
    lines = []
    for r in out:
        lines.append(r[0].ljust(w0) + " " + " ".join(r[i + 1].rjust(ws[i]) for i in range(4)) + " " + r[5])
    return "\n".join(lines) + "\n"


def free_output(total, used, free, shared, buffcache, avail, swap_total, swap_used, unit=1):
    f = lambda v: str(v // unit)
    hdr = " " * 7 + "".join(h.rjust(12) for h in ("total", "used", "free", "shared", "buff/cache", "available"))
    mem = "Mem:   " + "".join(f(v).rjust(12) for v in (total, used, free, shared, buffcache, avail))
    swp = "Swap:  " + "".join(f(v).rjust(12) for v in (swap_total, swap_used, swap_total - swap_used))
    return "\n".join([hdr, mem, swp]) + "\n"


def meminfo(total, free, avail, buffers, cached, swap_total, swap_free, shmem, anon, slab_r, slab_u, hugepages=0):
    rows = [
        ("MemTotal", total), ("MemFree", free), ("MemAvailable", avail), ("Buffers", buffers),
        ("Cached", cached), ("SwapCached", 0), ("Active", anon + cached // 3), ("Inactive", cached - cached // 3 + buffers),
        ("Active(anon)", anon - anon // 20), ("Inactive(anon)", anon // 20 + shmem), ("Active(file)", cached // 3),
        ("Inactive(file)", cached - cached // 3 + buffers - shmem), ("Unevictable", 27648), ("Mlocked", 27648),
        ("SwapTotal", swap_total), ("SwapFree", swap_free), ("Zswap", 0), ("Zswapped", 0), ("Dirty", 412), ("Writeback", 0),
        ("AnonPages", anon), ("Mapped", 412904), ("Shmem", shmem), ("KReclaimable", slab_r), ("Slab", slab_r + slab_u),
        ("SReclaimable", slab_r), ("SUnreclaim", slab_u), ("KernelStack", 21968), ("PageTables", 64412),
        ("SecPageTables", 0), ("NFS_Unstable", 0), ("Bounce", 0), ("WritebackTmp", 0),
        ("CommitLimit", total // 2 + swap_total), ("Committed_AS", anon * 2 + 1874212),
        ("VmallocTotal", 34359738367), ("VmallocUsed", 112844), ("VmallocChunk", 0), ("Percpu", 38912),
        ("HardwareCorrupted", 0), ("AnonHugePages", anon // 3 // 2048 * 2048), ("ShmemHugePages", 0), ("ShmemPmdMapped", 0),
        ("FileHugePages", 0), ("FilePmdMapped", 0), ("CmaTotal", 0), ("CmaFree", 0),
    ]
    kv = lambda k, v, unit=" kB": ("%s:" % k).ljust(16) + ("%d" % v).rjust(8) + unit
    out = [kv(k, v) for k, v in rows]
    out += [
        kv("HugePages_Total", hugepages, ""), kv("HugePages_Free", hugepages, ""), kv("HugePages_Rsvd", 0, ""),
        kv("HugePages_Surp", 0, ""), kv("Hugepagesize", 2048), kv("Hugetlb", 0),
        kv("DirectMap4k", 601944), kv("DirectMap2M", total // 2048 * 2048 - 601944 + 2048 * 300),
        kv("DirectMap1G", 2097152),
    ]
    return "\n".join(out) + "\n"
