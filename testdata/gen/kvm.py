"""incident-kvm-disabled: three CentOS Stream 9 sos reports (RDO 2023.2 Bobcat, package layout,
modular libvirt daemons), ctl-0, cmp-0 and cmp-1, zone America/Chicago (CST, UTC-6).

Story (chain F3): a firmware update at 07:10-07:40 local rebooted both computes with
virtualisation (VT-x) disabled in the firmware settings. The kernel says so at boot ("kvm:
disabled by bios"), kvm_intel does not load (lsmod lists kvm and irqbypass only), and nova's
[libvirt] virt_type is kvm. A boot at 06:41 (before the update) succeeded on cmp-0. At 10:12 a
boot of "ci-runner-7" is scheduled to cmp-0, qemu cannot open /dev/kvm ("Could not access KVM
kernel module: No such file or directory"), the build is rescheduled to cmp-1, fails the same
way, and the conductor gives up: "Exceeded maximum number of retries". Disk and memory are fine.
Every value is invented."""

import os

from common import OsloLog, TextLog, Tree, T, rng, uuid4, hex32, req, mac, _dt_of
from openstack import Flavor
from site_files import host_files, df_rows

PYN = "/usr/lib/python3.9/site-packages"
TZ = -6
FL = Flavor(PYN, True, TZ)                 # 2023.2: the oslo.log >= 4.8 context bracket
D = "2025-11-04"
LOG_START = T(D, "12:00:04", 220)         # 06:00 local
COLLECT = T(D, "17:05:41")                # 11:05 local
ZONE = ("CST", "America/Chicago (CST, -0600)")
UNAME = ("5.14.0-598.el9.x86_64", "#1 SMP PREEMPT_DYNAMIC Mon Jun 16 13:30:52 UTC 2025")

R = rng("kvm-ids")
CTL, CMPS = "ctl-0", ("cmp-0", "cmp-1")
NODES = {"cmp-0": "cmp-0.lab.example.org", "cmp-1": "cmp-1.lab.example.org"}
IPS = {"ctl-0": "192.0.2.60", "cmp-0": "192.0.2.61", "cmp-1": "192.0.2.62"}
ADMIN_USER, ADMIN_PROJECT = hex32(R), hex32(R)
FW_REBOOT = {"cmp-0": T(D, "13:14:09"), "cmp-1": T(D, "13:36:52")}
BOOT_CTL = T("2025-10-02", "15:20:11")
PID_API, PID_COND, PID_SCHED = 4121, 4098, 4077
PID_COMPUTE = {"cmp-0": 1988, "cmp-1": 2011}
LIBVIRT = "9.5.0"
QEMU = "8.2.0"

OK_BOOT = dict(name="build-12", id=uuid4(R), port=uuid4(R), mac=mac(R), t=T(D, "12:41:19", 302), req=req(R),
               dom="instance-0000002e")
BAD_BOOT = dict(name="ci-runner-7", id=uuid4(R), port=uuid4(R), mac=mac(R), t=T(D, "16:12:31", 85), req=req(R),
                dom={"cmp-0": "instance-0000002f", "cmp-1": "instance-00000011"})


def iso_utc(ms):
    d, m = _dt_of(ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % (m * 1000 + 203)


def libvirt_stamp(ms):
    d, m = _dt_of(ms)
    return d.strftime("%Y-%m-%d %H:%M:%S") + ".%03d+0000" % m


def qemu_error(ms, dom):
    """libvirt 9.x's error when qemu exits at start (qemuProcessReportLogError): qemu's stderr from
    the domain log after "QEMU unexpectedly closed the monitor (vm='...')"; qemu 8's
    accel/kvm/kvm-all.c kvm_init() prints the first line, the -accel option parser the second."""
    return (f"internal error: QEMU unexpectedly closed the monitor (vm='{dom}'): {iso_utc(ms)} qemu-kvm: -accel "
            f"kvm: Could not access KVM kernel module: No such file or directory")


def tb_spawn_libvirt(err):
    P = FL.p
    return [
        "Traceback (most recent call last):",
        f'  File "{P("nova/compute/manager.py")}", line 2887, in _build_resources',
        "    yield resources",
        f'  File "{P("nova/compute/manager.py")}", line 2634, in _build_and_run_instance',
        "    self.driver.spawn(context, instance, image_meta,",
        f'  File "{P("nova/virt/libvirt/driver.py")}", line 4459, in spawn',
        "    self._create_guest_with_network(",
        f'  File "{P("nova/virt/libvirt/driver.py")}", line 7813, in _create_guest_with_network',
        "    guest = self._create_guest(",
        f'  File "{P("nova/virt/libvirt/driver.py")}", line 7749, in _create_guest',
        "    guest.launch(pause=pause)",
        f'  File "{P("nova/virt/libvirt/guest.py")}", line 167, in launch',
        "    with excutils.save_and_reraise_exception():",
        f'  File "{P("oslo_utils/excutils.py")}", line 227, in __exit__',
        "    self.force_reraise()",
        f'  File "{P("oslo_utils/excutils.py")}", line 200, in force_reraise',
        "    raise self.value",
        f'  File "{P("nova/virt/libvirt/guest.py")}", line 165, in launch',
        "    return self._domain.createWithFlags(flags)",
        f'  File "{P("libvirt.py")}", line 1409, in createWithFlags',
        "    raise libvirtError('virDomainCreateWithFlags() failed')",
        f"libvirt.libvirtError: {err}",
        "",
    ]


def conductor_list(host, inst, err):
    """The conductor's "Error from last host" list (python3 repr of traceback.format_exception of
    the compute's RescheduledException)."""
    P = FL.p
    items = ["Traceback (most recent call last):\n",
             f'  File "{P("nova/compute/manager.py")}", line 2634, in _build_and_run_instance\n'
             "    self.driver.spawn(context, instance, image_meta,\n",
             f"libvirt.libvirtError: {err}\n",
             "\nDuring handling of the above exception, another exception occurred:\n\n",
             "Traceback (most recent call last):\n",
             f'  File "{P("nova/compute/manager.py")}", line 2457, in _do_build_and_run_instance\n'
             "    self._build_and_run_instance(context, instance, image,\n",
             f'  File "{P("nova/compute/manager.py")}", line 2752, in _build_and_run_instance\n'
             "    raise exception.RescheduledException(\n",
             f"nova.exception.RescheduledException: Build of instance {inst} was re-scheduled: {err}\n"]
    return "[" + ", ".join(repr(s) for s in items) + "]"


class Kvm:
    def __init__(self, outdir):
        self.outdir = outdir
        self.api, self.cond, self.sched = OsloLog(TZ), OsloLog(TZ), OsloLog(TZ)
        self.cmp = {h: OsloLog(TZ) for h in CMPS}
        self.qemu = {h: TextLog() for h in CMPS}
        for lg in [self.api, self.cond, self.sched] + list(self.cmp.values()) + list(self.qemu.values()):
            lg.window = (LOG_START, COLLECT)

    def noise(self):
        r = rng("kvm-noise")
        pt = FL.p("oslo_service/periodic_task.py")
        for h in CMPS:
            t = LOG_START + 17000 + r.randint(0, 20000)
            while t < COLLECT:
                if FW_REBOOT[h] <= t < FW_REBOOT[h] + 1500000:   # down for the firmware update
                    t = FW_REBOOT[h] + 1500000
                    self.startup(h, t)
                    continue
                ctx = FL.pctx(req(r))
                self.cmp[h].log(t, PID_COMPUTE[h], "DEBUG", "oslo_service.periodic_task", ctx,
                                "Running periodic task ComputeManager._poll_rebooting_instances",
                                dbg=("run_periodic_tasks", pt, 210))
                self.cmp[h].log(t + 38, PID_COMPUTE[h], "DEBUG", "nova.compute.resource_tracker", ctx,
                                f"Auditing locally available compute resources for {h} (node: {NODES[h]})",
                                dbg=("update_available_resource", FL.p("nova/compute/resource_tracker.py"), 910))
                t += 60000 + r.randint(0, 900)
        t = LOG_START + 4000
        while t < COLLECT:
            self.api.log(t, PID_API, "INFO", "nova.api.openstack.requestlog", FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT),
                         f'198.51.100.12 "GET /v2.1/servers/detail" status: 200 len: {1200 + r.randint(0, 900)} '
                         f'microversion: 2.95 time: 0.{r.randint(80000, 190000):06d}')
            t += 300000 + r.randint(0, 60000)

    def startup(self, h, t):
        ctx = "-"
        log = self.cmp[h]
        pid = PID_COMPUTE[h]
        log.log(t, pid, "INFO", "nova.virt.driver", ctx, "Loading compute driver 'libvirt.LibvirtDriver'")
        log.log(t + 1510, pid, "INFO", "nova.service", ctx, "Starting compute node (version 28.2.0-1.el9s)")
        log.log(t + 1620, pid, "INFO", "nova.virt.libvirt.driver", ctx, "Connection event '1' reason 'None'")

    def boot_ok(self):
        inst, h = OK_BOOT, "cmp-0"
        u = FL.uctx(inst["req"], ADMIN_USER, ADMIN_PROJECT)
        self.api.log(inst["t"], PID_API, "INFO", "nova.api.openstack.requestlog", u,
                     '198.51.100.12 "POST /v2.1/servers" status: 202 len: 403 microversion: 2.95 time: 0.512204')
        self.sched.log(inst["t"] + 390, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                       f"Selected host: ({h}, {NODES[h]}) ram: 187912MB disk: 1641472MB io_ops: 0 instances: 3",
                       instance=inst["id"], dbg=("_consume_selected_host", FL.p("nova/scheduler/manager.py"), 506))
        t = inst["t"] + 1103
        self.cmp[h].log(t, PID_COMPUTE[h], "INFO", "nova.compute.claims", u, f"Claim successful on node {NODES[h]}",
                        instance=inst["id"])
        self.qemu[h].line(t + 2900, lambda ms: f"{libvirt_stamp(ms)}: starting up libvirt version: {LIBVIRT}, package: "
                          f"6.el9 (builder@centos.org, 2025-05-12-08:01:44, ), qemu version: {QEMU}qemu-kvm-{QEMU}-"
                          f"11.el9, kernel: {UNAME[0]}, hostname: {h}")
        self.cmp[h].log(t + 7810, PID_COMPUTE[h], "INFO", "nova.compute.manager", u,
                        "Took 6.91 seconds to spawn the instance on the hypervisor.", instance=inst["id"])

    def boot_fail(self):
        inst = BAD_BOOT
        I = inst["id"]
        u = FL.uctx(inst["req"], ADMIN_USER, ADMIN_PROJECT)
        self.api.log(inst["t"], PID_API, "INFO", "nova.api.openstack.requestlog", u,
                     '198.51.100.12 "POST /v2.1/servers" status: 202 len: 403 microversion: 2.95 time: 0.498117')
        t = inst["t"] + 402
        for k, h in enumerate(CMPS):
            self.sched.log(t, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                           f"Selected host: ({h}, {NODES[h]}) ram: 180744MB disk: 1620992MB io_ops: 0 instances: "
                           f"{4 - k}", instance=I, dbg=("_consume_selected_host", FL.p("nova/scheduler/manager.py"), 506))
            if k:
                self.sched.log(t + 2, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                               f"Selected alternate host: ({CMPS[1]}, {NODES[CMPS[1]]})",
                               instance=I, dbg=("_consume_selected_host", FL.p("nova/scheduler/manager.py"), 511))
            tc = t + 1100
            log, pid, dom = self.cmp[h], PID_COMPUTE[h], inst["dom"][h]
            log.log(tc, pid, "INFO", "nova.compute.claims", u, f"Claim successful on node {NODES[h]}", instance=I)
            log.log(tc + 380, pid, "INFO", "nova.virt.libvirt.driver", u, "Creating image(s)", instance=I)
            tq = tc + 4410
            self.qemu[h].line(tq, lambda ms, h=h: f"{libvirt_stamp(ms)}: starting up libvirt version: {LIBVIRT}, "
                              f"package: 6.el9 (builder@centos.org, 2025-05-12-08:01:44, ), qemu version: {QEMU}"
                              f"qemu-kvm-{QEMU}-11.el9, kernel: {UNAME[0]}, hostname: {h}")
            self.qemu[h].line(tq + 1, lambda ms, dom=dom: f"LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:"
                              f"/usr/bin HOME=/var/lib/libvirt/qemu/domain-7-{dom} /usr/libexec/qemu-kvm -name "
                              f"guest={dom},debug-threads=on -S -machine pc-q35-rhel9.4.0,usb=off,dump-guest-core=off "
                              "-accel kvm -cpu host,migratable=on -m size=4194304k")
            self.qemu[h].line(tq + 120, lambda ms: f"{iso_utc(ms)} qemu-kvm: -accel kvm: Could not access KVM kernel "
                              "module: No such file or directory")
            self.qemu[h].line(tq + 121, lambda ms: f"{iso_utc(ms)} qemu-kvm: -accel kvm: failed to initialize kvm: No "
                              "such file or directory")
            self.qemu[h].line(tq + 180, lambda ms: f"{libvirt_stamp(ms)}: shutting down, reason=failed")
            err = qemu_error(tq + 120, dom)
            tf = tq + 411
            log.exc(tf, pid, "nova.compute.manager", u, f"Instance failed to spawn: libvirt.libvirtError: {err}",
                    tb_spawn_libvirt(err), instance=I)
            log.exc(tf + 602, pid, "nova.compute.manager", u, f"Failed to build and run instance: "
                    f"libvirt.libvirtError: {err}", tb_spawn_libvirt(err), instance=I)
            log.log(tf + 690, pid, "DEBUG", "nova.compute.manager", u, f"Build of instance {I} was re-scheduled: {err}",
                    instance=I, dbg=("_do_build_and_run_instance", FL.p("nova/compute/manager.py"), 2519))
            tcd = tf + 1102
            self.cond.log(tcd, PID_COND, "ERROR", "nova.scheduler.utils", u,
                          f"Error from last host: {h} (node {NODES[h]}): {conductor_list(h, I, err)}", instance=I)
            t = tcd + 60
        self.cond.log(t, PID_COND, "WARNING", "nova.scheduler.utils", u,
                      "Failed to compute_task_build_instances: Exceeded maximum number of retries. Exhausted all hosts "
                      f"available for retrying build failures for instance {I}.", instance=I)
        self.cond.log(t + 1, PID_COND, "WARNING", "nova.scheduler.utils", u, "Setting instance to ERROR state.",
                      instance=I)

    def write(self):
        self.noise()
        self.boot_ok()
        self.boot_fail()
        tr = Tree(os.path.join(self.outdir, "sosreport-ctl-0-2025-11-04-vhqbxtm"))
        host_files(tr, CTL, COLLECT, BOOT_CTL, *UNAME, df_rows("/dev/mapper/cs-root", 104806400, 38214100),
                   (131599136, 60214880, 12145024, 412004, 59239232, 69412336), zone=ZONE, tz_h=TZ, sos="4.9.1")
        tr.text("var/log/nova/nova-api.log", self.api.render())
        tr.text("var/log/nova/nova-conductor.log", self.cond.render())
        tr.text("var/log/nova/nova-scheduler.log", self.sched.render())
        for h in CMPS:
            tr = Tree(os.path.join(self.outdir, f"sosreport-{h}-2025-11-04-{'pzrkwqa' if h == 'cmp-0' else 'tnxmbde'}"))
            host_files(tr, h, COLLECT, FW_REBOOT[h] + 60000, *UNAME,
                       df_rows("/dev/mapper/cs-root", 1874854400, 412085504),
                       (197606404, 20412004, 160124412, 98412, 17069988, 175412004), zone=ZONE, tz_h=TZ, sos="4.9.1")
            tr.text("var/log/nova/nova-compute.log", self.cmp[h].render())
            tr.text(f"var/log/libvirt/qemu/{BAD_BOOT['dom'][h]}.log", self.qemu[h].render())
            tr.text("etc/nova/nova.conf", f"[DEFAULT]\nhost = {h}\nmy_ip = {IPS[h]}\ntransport_url = *********\n"
                    "\n[libvirt]\nvirt_type = kvm\ncpu_mode = host-passthrough\n")
            tr.text("sos_commands/kernel/lsmod", "Module                  Size  Used by\n"
                    "kvm                  1351680  0\nirqbypass              16384  1 kvm\n"
                    "openvswitch           221184  3\nnf_conncount           28672  1 openvswitch\n")
            up = 4.812345
            tr.text("sos_commands/kernel/dmesg", f"[    0.000000] Linux version {UNAME[0]} "
                    "(mockbuild@x86-05.stream.rdu2.redhat.com) (gcc (GCC) 11.5.0 20240719 (Red Hat 11.5.0-7), GNU ld "
                    f"version 2.35.2-63.el9) {UNAME[1]}\n"
                    f"[{up:12.6f}] kvm: disabled by bios\n"
                    f"[{up + 0.3:12.6f}] openvswitch: Open vSwitch switching datapath\n")
