"""incident-no-candidates: three Ubuntu 22.04 sos reports (OpenStack 2023.1 Antelope from the
Ubuntu Cloud Archive, package layout, UTC), ctl-0 (nova-api, nova-conductor, nova-scheduler,
placement-api under apache2), cmp-0 and cmp-1.

Story (chain B1): both computes have 188 GB of RAM (phys_ram=193012MB) and nova.conf reserves
16 GB for the host (reserved_host_memory_mb = 16384) and sets no ram_allocation_ratio, so
placement's MEMORY_MB inventory is (193012 - 16384) x 1.0 (the 2023.1 default of
initial_ram_allocation_ratio is 1.0; Zed's was 1.5). At 09:14 the user boots "analytics-1" with
the flavor r1.xlarge (65536 MB, 8 vCPUs, 80 GB). Placement's answer to
GET /allocation_candidates?...MEMORY_MB%3A65536... is empty: cmp-0 has 12788 MB left and cmp-1
45556 MB. The scheduler logs "Got no allocation candidates from the Placement API", the
conductor fails the build with NoValidHost and buries the instance in cell0. free on both
computes shows 60-80 GB available (guests do not touch all their RAM) and df is at 20-30%: the
operator's trap. Before, at 08:02, "etl-4" (16 GB) booted on cmp-1; after, at 09:31, the user
boots "analytics-1b" with r1.large (32768 MB), which fits cmp-1. Noise: periodic tasks, the
API's GET /servers/detail, a 2-second AMQP reconnect on cmp-0 at 07:41 that recovered.

debug = True in nova.conf on every host (the operator turned it on last week to chase slow
boots): nova-compute's "Final resource view" is DEBUG from Stein on and so is in the log.
Every value is invented."""

import os

from common import OsloLog, TextLog, Tree, T, rng, uuid4, hex32, req, mac
from openstack import Flavor
from site_files import host_files, df_rows

PYN = "/usr/lib/python3/dist-packages"
FL = Flavor(PYN, True, 0)                 # 2023.1: the oslo.log >= 4.8 context bracket, UTC
D = "2025-06-17"
LOG_START = T(D, "06:00:03", 412)
COLLECT = T(D, "10:02:17")
UNAME = ("5.15.0-91-generic", "#101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023")
NOVA_VER = "27.1.0"

R = rng("nocand-ids")
CTL, CMPS = "ctl-0", ("cmp-0", "cmp-1")
NODES = {"cmp-0": "cmp-0.dc1.example.com", "cmp-1": "cmp-1.dc1.example.com"}
IPS = {"ctl-0": "192.0.2.20", "cmp-0": "192.0.2.21", "cmp-1": "192.0.2.22"}
RABBIT = "192.0.2.20"
ADMIN_USER, ADMIN_PROJECT = hex32(R), hex32(R)
NOVA_USER, SERVICE_PROJECT = hex32(R), hex32(R)
BOOT = {"ctl-0": T("2025-05-28", "22:10:41"), "cmp-0": T("2025-05-28", "22:31:07"),
        "cmp-1": T("2025-05-28", "22:34:52")}
PID_API, PID_COND, PID_SCHED, PID_PLACEMENT = 1822, 1791, 1807, 2290
PID_COMPUTE = {"cmp-0": 2417, "cmp-1": 2398}

PHYS_RAM, RESERVED_RAM = 193012, 16384
PHYS_DISK, TOTAL_VCPUS = 1786, 48
# what the guests on each compute hold before the story starts: (MB, vCPUs, GB)
BASE = {"cmp-0": [(32768, 8, 80)] * 5, "cmp-1": [(32768, 8, 80)] * 3 + [(16384, 4, 40)]}
OK_BEFORE = dict(name="etl-4", id=uuid4(R), t=T(D, "08:02:44", 118), req=req(R), host="cmp-1",
                 flavor=(16384, 4, 40), dom="instance-0000003a")
BAD = dict(name="analytics-1", id=uuid4(R), t=T(D, "09:14:07", 604), req=req(R), flavor=(65536, 8, 80))
OK_AFTER = dict(name="analytics-1b", id=uuid4(R), t=T(D, "09:31:52", 233), req=req(R), host="cmp-1",
                flavor=(32768, 8, 80), dom="instance-0000003c")
BLIP = T(D, "07:41:19", 870)              # cmp-0 loses its AMQP connection for 2 s


def ac_query(ram, vcpus, disk):
    """nova/scheduler/utils.py ResourceRequest.to_querystring (2023.1): urlencode of the sorted
    params; the report client asks microversion 1.36 (SAME_SUBTREE_VERSION)."""
    return (f"/allocation_candidates?limit=1000&resources=DISK_GB%3A{disk}%2CMEMORY_MB%3A{ram}%2CVCPU%3A{vcpus}"
            "&root_required=%21COMPUTE_STATUS_DISABLED")


def tb_no_valid_host():
    """The conductor's LOG.exception('Failed to schedule instances') in schedule_and_build_instances
    (nova/conductor/manager.py 27.x): the scheduler's NoValidHost comes back over RPC as
    nova.exception_Remote.NoValidHost_Remote (oslo_messaging/_drivers/common.py deserialize_remote_exception),
    carrying the remote traceback as its message."""
    P = FL.p
    return [
        "Traceback (most recent call last):",
        f'  File "{P("nova/conductor/manager.py")}", line 1601, in schedule_and_build_instances',
        "    host_lists = self._schedule_instances(context, request_specs[0],",
        f'  File "{P("nova/conductor/manager.py")}", line 940, in _schedule_instances',
        "    host_lists = self.query_client.select_destinations(",
        f'  File "{P("nova/scheduler/client/query.py")}", line 41, in select_destinations',
        "    return self.scheduler_rpcapi.select_destinations(context, spec_obj,",
        f'  File "{P("nova/scheduler/rpcapi.py")}", line 160, in select_destinations',
        "    return cctxt.call(ctxt, 'select_destinations', **msg_args)",
        f'  File "{P("oslo_messaging/rpc/client.py")}", line 190, in call',
        "    result = self.transport._send(",
        f'  File "{P("oslo_messaging/transport.py")}", line 123, in _send',
        "    return self._driver.send(target, ctxt, message,",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 689, in send',
        "    return self._send(target, ctxt, message, wait_for_reply, timeout,",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 681, in _send',
        "    raise result",
        "nova.exception_Remote.NoValidHost_Remote: No valid host was found. ",
        "Traceback (most recent call last):",
        "",
        f'  File "{P("oslo_messaging/rpc/server.py")}", line 244, in inner',
        "    return func(*args, **kwargs)",
        "",
        f'  File "{P("nova/scheduler/manager.py")}", line 210, in select_destinations',
        '    raise exception.NoValidHost(reason="")',
        "",
        "nova.exception.NoValidHost: No valid host was found. ",
        "",
        "",
    ]


class NoCand:
    def __init__(self, outdir):
        self.outdir = outdir
        self.api, self.cond, self.sched, self.placement = (OsloLog(0) for _ in range(4))
        self.cmp = {h: OsloLog(0) for h in CMPS}
        for lg in [self.api, self.cond, self.sched, self.placement] + list(self.cmp.values()):
            lg.window = (LOG_START, COLLECT)
        self.guests = {h: list(BASE[h]) for h in CMPS}
        self.changes = []                  # (ms, host, (MB, vCPUs, GB)) added to a compute

    # ------------------------------------------------------------------ noise
    def used(self, h, t):
        g = list(self.guests[h]) + [f for (ms, hh, f) in self.changes if hh == h and ms <= t]
        return (RESERVED_RAM + sum(x[0] for x in g), sum(x[1] for x in g), sum(x[2] for x in g))

    def noise(self):
        r = rng("nocand-noise")
        pt, rt = FL.p("oslo_service/periodic_task.py"), FL.p("nova/compute/resource_tracker.py")
        for h in CMPS:
            t = LOG_START + 9000 + r.randint(0, 30000)
            while t < COLLECT:
                ctx = FL.pctx(req(r))
                log, pid = self.cmp[h], PID_COMPUTE[h]
                # nova/compute/manager.py update_available_resource -> resource_tracker.py
                # update_available_resource (LOG.debug "Auditing locally available compute resources")
                # and _report_final_resource_view (LOG.debug, line 1066 in 27.1.0)
                log.log(t, pid, "DEBUG", "oslo_service.periodic_task", ctx,
                        "Running periodic task ComputeManager.update_available_resource",
                        dbg=("run_periodic_tasks", pt, 210))
                log.log(t + 12, pid, "DEBUG", "nova.compute.resource_tracker", ctx,
                        f"Auditing locally available compute resources for {h} (node: {NODES[h]})",
                        dbg=("update_available_resource", rt, 907))
                ram, vcpus, disk = self.used(h, t)
                log.log(t + 388 + r.randint(0, 120), pid, "DEBUG", "nova.compute.resource_tracker", ctx,
                        f"Final resource view: name={NODES[h]} phys_ram={PHYS_RAM}MB used_ram={ram}MB "
                        f"phys_disk={PHYS_DISK}GB used_disk={disk}GB total_vcpus={TOTAL_VCPUS} used_vcpus={vcpus} "
                        "pci_stats=[]", dbg=("_report_final_resource_view", rt, 1066))
                log.log(t + 30200, pid, "DEBUG", "oslo_service.periodic_task", ctx,
                        "Running periodic task ComputeManager._poll_rebooting_instances",
                        dbg=("run_periodic_tasks", pt, 210))
                t += 60000 + r.randint(0, 700)
        t = LOG_START + 4100
        while t < COLLECT:
            self.api.log(t, PID_API, "INFO", "nova.api.openstack.requestlog", FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT),
                         f'198.51.100.30 "GET /v2.1/servers/detail" status: 200 len: {2100 + r.randint(0, 900)} '
                         f'microversion: 2.1 time: 0.{r.randint(90000, 210000):06d}')
            t += 240000 + r.randint(0, 60000)
        # the conductor's and scheduler's own periodic work
        t = LOG_START + 22000
        while t < COLLECT:
            self.sched.log(t, PID_SCHED, "DEBUG", "oslo_service.periodic_task", FL.pctx(req(r)),
                           "Running periodic task SchedulerManager._discover_hosts_in_cells",
                           dbg=("run_periodic_tasks", pt, 210))
            t += 60000 + r.randint(0, 300)
        # a recovered blip: oslo_messaging/_drivers/impl_rabbit.py on_error (ERROR "AMQP server on
        # %(hostname)s:%(port)s is unreachable: %(err_str)s. Trying again in %(sleep_time)d seconds.")
        # and on_reconnection (INFO "Reconnected to AMQP server on %(hostname)s:%(port)d via
        # [%(transport)s] client with port %(client_port)s.")
        self.cmp["cmp-0"].log(BLIP, PID_COMPUTE["cmp-0"], "ERROR", "oslo.messaging._drivers.impl_rabbit", "-",
                              f"[{uuid4(r)}] AMQP server on {RABBIT}:5672 is unreachable: [Errno 104] Connection "
                              "reset by peer. Trying again in 1 seconds.: ConnectionResetError: [Errno 104] "
                              "Connection reset by peer")
        self.cmp["cmp-0"].log(BLIP + 2104, PID_COMPUTE["cmp-0"], "INFO", "oslo.messaging._drivers.impl_rabbit", "-",
                              f"[{uuid4(r)}] Reconnected to AMQP server on {RABBIT}:5672 via [amqp] client with "
                              "port 48812.")

    # ------------------------------------------------------------------ boots
    def api_post(self, inst, r):
        u = FL.uctx(inst["req"], ADMIN_USER, ADMIN_PROJECT)
        self.api.log(inst["t"], PID_API, "INFO", "nova.api.openstack.requestlog", u,
                     f'198.51.100.30 "POST /v2.1/servers" status: 202 len: 403 microversion: 2.1 '
                     f'time: 0.{r.randint(380000, 620000):06d}')
        return u

    def placement_get(self, t, inst, r, n_candidates):
        """placement/requestlog.py (placement 9.0.0, 2023.1) RequestLog._log_request: INFO
        '%(REMOTE_ADDR)s "%(REQUEST_METHOD)s %(REQUEST_URI)s" status: %(status)s len: %(bytes)s
        microversion: %(microversion)s'; the scheduler's request id is the global one."""
        ram, vcpus, disk = inst["flavor"]
        ctx = FL.uctx(req(r), NOVA_USER, SERVICE_PROJECT, greq=inst["req"])
        size = 53 if n_candidates == 0 else 612 * n_candidates + 1030
        self.placement.log(t, PID_PLACEMENT, "INFO", "placement.requestlog", ctx,
                           f'{IPS[CTL]} "GET {ac_query(ram, vcpus, disk)}" status: 200 len: {size} '
                           "microversion: 1.36")

    def schedule(self, inst, u, t, r):
        I = inst["id"]
        sm = FL.p("nova/scheduler/manager.py")
        self.sched.log(t, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                       f"Starting to schedule for instances: ['{I}']", dbg=("select_destinations", sm, 142))
        self.placement_get(t + 61, inst, r, 0 if inst is BAD else 1)
        return t + 95

    def boot_ok(self, inst, r):
        I, h = inst["id"], inst["host"]
        u = self.api_post(inst, r)
        t = self.schedule(inst, u, inst["t"] + 310, r)
        ram, vcpus, disk = self.used(h, t)
        sm = FL.p("nova/scheduler/manager.py")
        # nova/scheduler/manager.py _consume_selected_host: LOG.debug("Selected host: %(host)s"),
        # HostState.__repr__ with free figures
        self.sched.log(t + 140, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                       f"Selected host: ({h}, {NODES[h]}) ram: {PHYS_RAM - ram}MB disk: {(PHYS_DISK - disk) * 1024}MB "
                       f"io_ops: 0 instances: {len(self.guests[h]) + sum(1 for c in self.changes if c[1] == h)}",
                       instance=I, dbg=("_consume_selected_host", sm, 558))
        tc = t + 1010
        log, pid = self.cmp[h], PID_COMPUTE[h]
        # nova/compute/claims.py Claim.__init__ (INFO "Claim successful on node %s")
        log.log(tc, pid, "INFO", "nova.compute.claims", u, f"Claim successful on node {NODES[h]}", instance=I)
        log.log(tc + 402, pid, "INFO", "nova.virt.libvirt.driver", u, "Creating image(s)", instance=I)
        # nova/compute/manager.py _build_and_run_instance (INFO "Took %0.2f seconds to spawn the
        # instance on the hypervisor." and "Took %0.2f seconds to build instance.")
        log.log(tc + 9210, pid, "INFO", "nova.compute.manager", u,
                "Took 8.67 seconds to spawn the instance on the hypervisor.", instance=I)
        log.log(tc + 9402, pid, "INFO", "nova.compute.manager", u, "Took 9.78 seconds to build instance.",
                instance=I)
        self.changes.append((tc, h, inst["flavor"]))

    def boot_fail(self, r):
        inst = BAD
        I = inst["id"]
        u = self.api_post(inst, r)
        t = self.schedule(inst, u, inst["t"] + 296, r)
        # nova/scheduler/manager.py select_destinations (27.1.0 line 204): LOG.info, then
        # raise exception.NoValidHost(reason="")
        self.sched.log(t + 4, PID_SCHED, "INFO", "nova.scheduler.manager", u,
                       "Got no allocation candidates from the Placement API. This could be due to insufficient "
                       "resources or a temporary occurrence as compute nodes start up.")
        tc = t + 61
        # nova/conductor/manager.py schedule_and_build_instances: LOG.exception('Failed to schedule
        # instances'), then _bury_in_cell0 -> scheduler_utils.set_vm_state_and_notify: LOG.warning
        # "Failed to %(service)s_%(method)s: %(ex)s" (no instance kwarg) and "Setting instance to %s
        # state." (instance_uuid=...)
        self.cond.exc(tc, PID_COND, "nova.conductor.manager", u, "Failed to schedule instances: "
                      "nova.exception_Remote.NoValidHost_Remote: No valid host was found. ", tb_no_valid_host())
        self.cond.log(tc + 118, PID_COND, "WARNING", "nova.scheduler.utils", u,
                      "Failed to compute_task_build_instances: No valid host was found. ")
        self.cond.log(tc + 119, PID_COND, "WARNING", "nova.scheduler.utils", u, "Setting instance to ERROR state.",
                      instance=I)

    def write(self):
        r = rng("nocand-story")
        self.boot_ok(OK_BEFORE, r)
        self.boot_fail(r)
        self.boot_ok(OK_AFTER, r)
        self.noise()
        tr = Tree(os.path.join(self.outdir, "sosreport-ctl-0-2025-06-17-hqzvmra"))
        self.host(tr, CTL, 490617784, 101230412, (131870408, 38120412, 40112048, 312004, 53637948, 91412220))
        tr.text("var/log/nova/nova-api.log", self.api.render())
        tr.text("var/log/nova/nova-conductor.log", self.cond.render())
        tr.text("var/log/nova/nova-scheduler.log", self.sched.render())
        tr.text("var/log/placement/placement-api.log", self.placement.render())
        tr.text("etc/nova/nova.conf", f"[DEFAULT]\nmy_ip = {IPS[CTL]}\ndebug = True\ntransport_url = *********\n\n"
                "[filter_scheduler]\nenabled_filters = ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,"
                "ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter\n\n[placement]\nregion_name = RegionOne\n"
                "auth_type = password\nauth_url = http://192.0.2.20:5000/v3\nusername = placement\n"
                "password = *********\n")
        avail = {"cmp-0": 63412204, "cmp-1": 81230112}
        for h, suffix in (("cmp-0", "twnqpxe"), ("cmp-1", "bvkdrmz")):
            tr = Tree(os.path.join(self.outdir, f"sosreport-{h}-2025-06-17-{suffix}"))
            total = 197644288
            used = total - avail[h] - 4120412
            self.host(tr, h, 1872842752, 412204816 if h == "cmp-0" else 544120112,
                      (total, used, avail[h] - 6124004, 88204, 4120412 + 6124004 - 2000000, avail[h]))
            tr.text("var/log/nova/nova-compute.log", self.cmp[h].render())
            tr.text("etc/nova/nova.conf", f"[DEFAULT]\nhost = {h}\nmy_ip = {IPS[h]}\ndebug = True\n"
                    f"transport_url = *********\nreserved_host_memory_mb = {RESERVED_RAM}\n"
                    "cpu_allocation_ratio = 4.0\n\n[libvirt]\nvirt_type = kvm\ncpu_mode = host-model\n")

    @staticmethod
    def host(tr, h, size, used, mem):
        host_files(tr, h, COLLECT, BOOT[h], *UNAME,
                   df_rows("/dev/mapper/ubuntu--vg-ubuntu--lv", size, used,
                           [("/dev/sda2", 1992552, 261424, 1609888, "/boot"),
                            ("/dev/sda1", 1098628, 6220, 1092408, "/boot/efi")], "udev"), mem, sos="4.5.6")
        tr.text("etc/timezone", "Etc/UTC\n")
