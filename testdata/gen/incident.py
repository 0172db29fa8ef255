"""incident-ovn-chassis: three Ubuntu (jammy + UCA 2023.1 Antelope) sos
reports, ctl-1 / net-1 / cmp-1, Europe/Paris (CET, +0100).

Story (UTC): ovn-controller on cmp-1 restarts at 14:02:11Z after a package
upgrade and never reconnects to the SB DB (connection refused). Instance X
(14:03) times out waiting for network-vif-plugged; instance Y (14:20) is
refused by neutron (dead OVN agent) and runs out of hosts."""

import os

from common import (OsloLog, VlogLog, TextLog, Tree, T, rng, uuid4, hex32, req, mac,
                    fmt_syslog, fmt_plain, fmt_date_cmd, epoch_s, q, omap, oset_str, oset_raw,
                    olist, timedatectl, uptime_line, df_output, free_output, meminfo)
from openstack import (Flavor, tb_vif_timeout, tb_vif_alloc, tb_pbf_spawn, tb_pbf_build,
                       conductor_exc_list, tb_messaging_timeout, vif_repr, bound_port_msg,
                       segments_repr, nova_event, tap, pbf_msg)
from ids import *

PYN = "/usr/lib/python3/dist-packages"
PYVER = "python3.10"
FL = Flavor(PYN, True, TZ_H)

D = DATE
PREV = "2025-03-02"
LOG_START = T(D, "05:25:01", 4)          # logrotate (cron.daily 06:25 local)
PREV_START = T(PREV, "05:25:01", 6)
COLLECT = T(D, "14:40:12")
OVNC_RESTART = T(D, "14:02:11", 412)     # new ovn-controller process on cmp-1
OVNC_STOP = T(D, "14:02:10", 689)

HOST_CMP = "cmp-1"
NODE_CMP = "cmp-1.example.com"

# pids
PID_API = [2871, 2872, 2873, 2874]
PID_COND = [2301, 2302, 2303, 2304]
PID_SCHED = [2455, 2456]
PID_NEUTRON_API = [3101, 3102, 3103, 3104]
PID_NEUTRON_MAINT = 3130
PID_COMPUTE = 3112
PID_META = 1893

CELL1 = "3b1fb4a6-5f8e-4c44-9a7b-4a0fd3c5f2d1"
CELL0 = "00000000-0000-0000-0000-000000000000"
RP_CMP = "c6a2e1f4-8d39-4b57-a0e2-7f1c5b9d3e68"      # placement resource provider of cmp-1
IMAGE = "9f0c2d6e-3a1b-4f7c-8e5d-2b6a9c1e4f70"
FLAVOR_ID = "b3e7a9c2-1d4f-4e8a-9c6b-5f2e1a7d3c90"
SG = "c4d1e8f2-7a3b-4c9e-b5d6-1e2f3a4b5c6d"
SB_DP_PRIV = "d2f6a1c8-4b7e-4e3a-9d5c-8a1b2c3d4e5f"
SB_DP_PUB = "e7a3c9d1-2f5b-4a8c-b6e4-9d1c2b3a4f5e"
SB_DP_RTR = "f1b8d4e2-6c3a-4d9b-a7e5-0c2d3e4f5a6b"
NB_LS_PRIV = "a5c3e1b7-9d2f-4b6a-8e4c-1f3a5b7c9d2e"
NB_LS_PUB = "b6d4f2c8-0e3a-4c7b-9f5d-2a4b6c8d0e3f"
NB_LR = "c7e5a3d9-1f4b-4d8c-a0e6-3b5c7d9e1f4a"
SB_CH_CMP = "4c8e2a6f-0b1d-4e3a-9c5f-7d2e4a6b8c1e"   # _uuid of cmp-1's Chassis row
SB_CH_NET = "5d9f3b7a-1c2e-4f4b-8d6a-8e3f5b7c9d2f"   # _uuid of net-1's Chassis row
SB_CP_CMP = "6e0a4c8b-2d3f-4a5c-9e7b-9f4a6c8d0e3a"
SB_CP_NET = "7f1b5d9c-3e4a-4b6d-8f8c-0a5b7d9e1f4b"
SB_EN_CMP = "8a2c6e0d-4f5b-4c7e-9a9d-1b6c8e0f2a5c"
SB_EN_NET = "9b3d7f1e-5a6c-4d8f-8b0e-2c7d9f1a3b6d"
PUB_GW_IP = "192.0.2.140"
PRIV_CIDR = "198.51.100.192/26"

R = rng("incident-ids")


def _mk_instances():
    """Instances booted on cmp-1: yesterday (nova-compute.log.1.gz) and
    today, plus X and Y. t_api is the nova-api POST time (UTC ms)."""
    spec = [
        # name, api time, day, deleted at
        ("web-01", T(PREV, "08:14:22", 517), None),
        ("web-02", T(PREV, "09:47:51", 203), T(PREV, "10:30:05", 118)),
        ("db-01", T(PREV, "11:02:37", 842), None),
        ("batch-01", T(PREV, "13:35:10", 66), T(PREV, "15:58:20", 731)),
        ("app-01", T(PREV, "16:20:44", 390), None),
        ("app-02", T(D, "12:05:14", 271), None),
        ("ci-runner-01", T(D, "12:31:40", 655), T(D, "13:10:22", 904)),
        ("app-03", T(D, "12:58:03", 129), None),
        ("web-03", T(D, "13:22:47", 588), None),
        ("cache-01", T(D, "13:41:09", 342), None),
        ("app-04", T(D, "13:55:30", 817), None),
    ]
    out = []
    for i, (name, t, dl) in enumerate(spec):
        out.append(dict(name=name, id=uuid4(R), port=uuid4(R), mac=mac(R), ip="198.51.100.%d" % (201 + i),
                        t_api=t, deleted=dl, req=req(R), outcome="ok", libvirt="instance-%08x" % (0x2e + i),
                        qemu=31 + i, ofport=3 + i))
    out.append(dict(name="app-05", id=X, port=PX, mac="fa:16:3e:4d:91:c7", ip="198.51.100.212",
                    t_api=T(D, "14:03:00", 874), deleted=None, req=REQ_X, outcome="timeout",
                    libvirt="instance-%08x" % (0x2e + 11), qemu=42, nreq=NREQ_X, ofport=14))
    out.append(dict(name="app-05", id=Y, port=PY, mac="fa:16:3e:b2:07:5e", ip="198.51.100.213",
                    t_api=T(D, "14:20:40", 318), deleted=None, req=REQ_Y, outcome="bindfail",
                    libvirt="instance-%08x" % (0x2e + 12), qemu=None, nreq=NREQ_Y, ofport=None))
    return out


INST = _mk_instances()


def _skip(*_a, **_k):
    """Drop a record (used to thin out periodic noise)."""


def lock_lines(log, ms, pid, ctx, name, func, held, fl=FL, wait=0.0):
    path = fl.p("oslo_concurrency/lockutils.py")
    log.log(ms, pid, "DEBUG", "oslo_concurrency.lockutils", ctx,
            f'Acquiring lock "{name}" by "{func}"', dbg=("inner", path, 404))
    log.log(ms, pid, "DEBUG", "oslo_concurrency.lockutils", ctx,
            f'Lock "{name}" acquired by "{func}" :: waited {wait:.3f}s', dbg=("inner", path, 409))
    log.log(ms + int(held * 1000), pid, "DEBUG", "oslo_concurrency.lockutils", ctx,
            f'Lock "{name}" "released" by "{func}" :: held {held:.3f}s', dbg=("inner", path, 423))


class Incident:
    def __init__(self, outdir):
        self.outdir = outdir
        tz = TZ_H
        # ctl-1
        self.api = OsloLog(tz)
        self.cond = OsloLog(tz)
        self.sched = OsloLog(tz)
        self.neutron = OsloLog(tz)
        self.northd = VlogLog(20817)
        self.sb = VlogLog(41273)
        self.nb = VlogLog(18342)
        # net-1
        self.net_ovnc = VlogLog(88213)
        self.net_vsd = VlogLog(30518)
        self.net_ovsdb = VlogLog(1244)
        # cmp-1
        self.cmp = OsloLog(tz)
        self.cmp_prev = OsloLog(tz)
        self.cmp_ovnc = VlogLog(61447)
        self.cmp_vsd = VlogLog(27731)
        self.cmp_ovsdb = VlogLog(1837)
        self.meta = OsloLog(tz)
        self.syslog = TextLog()
        self.kern = TextLog()
        self.dmesg = TextLog()
        self.dpkg = TextLog()
        for lg in (self.api, self.cond, self.sched, self.neutron, self.northd, self.sb, self.nb,
                   self.net_ovnc, self.net_vsd, self.net_ovsdb, self.cmp, self.cmp_ovnc, self.cmp_vsd,
                   self.cmp_ovsdb, self.meta, self.syslog, self.kern, self.dmesg, self.dpkg):
            lg.window = (LOG_START, COLLECT)
        self.cmp_prev.window = (PREV_START, LOG_START - 1)
        self.dmesg.window = (T(D, "06:00:00"), COLLECT)
        self.boot_ms = T("2025-02-08", "09:48:37", 120)   # cmp-1 boot time

    # ------------------------------------------------------------ helpers
    def compute_log(self, ms):
        return self.cmp if ms >= LOG_START else self.cmp_prev

    def kmsg(self, ms, text):
        """kernel message on cmp-1: dmesg + kern.log + syslog."""
        rel = (ms - self.boot_ms) / 1000.0 + ((ms * 7919) % 997) / 1e6
        stamp = "[%12.6f]" % rel
        self.dmesg.line(ms, lambda m, s=stamp, t=text: f"{s} {t}")
        self.kern.line(ms, lambda m, s=stamp, t=text: f"{fmt_syslog(m, TZ_H)} {HOST_CMP} kernel: {s} {t}")
        self.syslog.line(ms, lambda m, s=stamp, t=text: f"{fmt_syslog(m, TZ_H)} {HOST_CMP} kernel: {s} {t}")

    def sysl(self, ms, tag, text):
        self.syslog.line(ms, lambda m, g=tag, t=text: f"{fmt_syslog(m, TZ_H)} {HOST_CMP} {g}: {t}")

    def alive_instances(self, ms):
        n = 0
        for i in INST:
            if i["outcome"] == "ok" and i["t_api"] <= ms and (i["deleted"] is None or i["deleted"] > ms):
                n += 1
            if i["outcome"] == "timeout" and i["t_api"] <= ms <= i["t_api"] + 306000:
                n += 1
        return n

    def nb_cfg_at(self, ms):
        """NB_Global.nb_cfg: bumped once a minute at :52 (neutron
        CheckLivenessCommand); 1342 at 14:39:52Z."""
        last = T(D, "14:39:52", 310)
        k = (last - ms) // 60000 + (1 if (last - ms) % 60000 else 0)
        return NB_CFG_FINAL - max(0, k)

    # ----------------------------------------------------------- building
    def build(self):
        self.noise_compute(self.cmp_prev, PREV_START, LOG_START - 1, "prev")
        self.noise_compute(self.cmp, LOG_START, COLLECT, "today")
        self.noise_api()
        self.noise_scheduler()
        self.noise_conductor()
        self.noise_neutron()
        self.noise_ovn_central()
        self.noise_net1()
        self.noise_cmp_ovs()
        self.noise_metadata()
        self.noise_syslog()
        self.benign_events()
        for inst in INST:
            self.boot(inst)
            if inst["deleted"]:
                self.delete(inst, inst["deleted"])
        self.ovn_controller_restart()

    # ------------------------------------------------------------- noise
    def noise_compute(self, log, start, end, tag):
        r = rng("cmp-noise-" + tag)
        pt = FL.p("oslo_service/periodic_task.py")
        mgr = FL.p("nova/compute/manager.py")
        rt = FL.p("nova/compute/resource_tracker.py")
        rep = FL.p("nova/scheduler/client/report.py")
        t = start + 20531
        i = 0
        while t < end:
            preq = req(r)
            ctx = FL.pctx(preq)
            tt = t
            tasks = ["_poll_rebooting_instances", "_poll_rescued_instances", "_poll_unconfirmed_resizes",
                     "_instance_usage_audit", "_poll_volume_usage", "_reclaim_queued_deletes"]
            if i % 5:
                tasks = []
            if i % 4 == 1:
                tasks.append("_sync_scheduler_instance_info")
            if i % 10 == 3:
                tasks.append("_sync_power_states")
            for name in tasks:
                log.log(tt, PID_COMPUTE, "DEBUG", "oslo_service.periodic_task", ctx,
                        f"Running periodic task ComputeManager.{name}", dbg=("run_periodic_tasks", pt, 210))
                tt += r.randint(0, 3)
                if name == "_reclaim_queued_deletes":
                    log.log(tt, PID_COMPUTE, "DEBUG", "nova.compute.manager", ctx,
                            "CONF.reclaim_instance_interval <= 0, skipping...",
                            dbg=("_reclaim_queued_deletes", mgr, 10539))
                if name == "_sync_power_states":
                    for inst in INST:
                        if inst["outcome"] == "ok" and inst["t_api"] + 20000 < tt and (
                                inst["deleted"] is None or inst["deleted"] > tt):
                            log.log(tt, PID_COMPUTE, "DEBUG", "nova.compute.manager", ctx,
                                    f"Triggering sync for uuid {inst['id']}", dbg=("_sync_power_states", mgr, 10208))
                            tt += r.randint(1, 4)
            # update_available_resource (60 s)
            tt += r.randint(5, 40)
            log.log(tt, PID_COMPUTE, "DEBUG", "oslo_service.periodic_task", ctx,
                    "Running periodic task ComputeManager.update_available_resource", dbg=("run_periodic_tasks", pt, 210))
            tt += r.randint(5, 30)
            if i % 2 == 1 and tag == "today":
                t += 60000 + r.randint(-150, 150)
                i += 1
                continue
            log.log(tt, PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                    f"Auditing locally available compute resources for {HOST_CMP} (node: {NODE_CMP})",
                    dbg=("update_available_resource", rt, 913))
            n = self.alive_instances(tt)
            used_ram = 512 + 1536 * n
            free_ram = 15969 - 768 * n - r.randint(0, 300)
            tt += r.randint(180, 420)
            (log.log if i % 3 == 0 else _skip)(tt, PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                    f"Hypervisor/Node resource view: name={NODE_CMP} free_ram={free_ram}MB free_disk={121 - 2 * n}GB "
                    f"free_vcpus={16 - n} pci_devices=[{{\"dev_id\": \"pci_0000_00_1f_0\", \"address\": \"0000:00:1f.0\", "
                    f"\"product_id\": \"2918\", \"vendor_id\": \"8086\", \"numa_node\": null, \"label\": \"label_8086_2918\", "
                    f"\"dev_type\": \"type-PCI\"}}]", dbg=("_report_hypervisor_resource_view", rt, 1052))
            if i % 3 == 0:
                lock_lines(log, tt + 2, PID_COMPUTE, ctx, "compute_resources",
                           "nova.compute.resource_tracker.ResourceTracker._update_available_resource",
                           held=0.081 + r.randint(0, 90) / 1000.0)
            if i % 5 == 0:
                log.log(tt + 31, PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                        f"Total usable vcpus: 16, total allocated vcpus: {2 * n}",
                        dbg=("_report_final_resource_view", rt, 1071))
            log.log(tt + 33, PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                    f"Final resource view: name={NODE_CMP} phys_ram=15969MB used_ram={used_ram}MB phys_disk=195GB "
                    f"used_disk={20 * n}GB total_vcpus=16 used_vcpus={2 * n} pci_stats=[]",
                    dbg=("_report_final_resource_view", rt, 1094))
            if i % 5 == 0:
                log.log(tt + 58, PID_COMPUTE, "DEBUG", "nova.scheduler.client.report", ctx,
                    f"Inventory has not changed for provider {RP_CMP} based on inventory data: {{'VCPU': {{'total': 16, "
                    f"'min_unit': 1, 'max_unit': 16, 'step_size': 1, 'allocation_ratio': 4.0, 'reserved': 0}}, "
                    f"'MEMORY_MB': {{'total': 15969, 'min_unit': 1, 'max_unit': 15969, 'step_size': 1, "
                    f"'allocation_ratio': 1.5, 'reserved': 512}}, 'DISK_GB': {{'total': 195, 'min_unit': 1, "
                    f"'max_unit': 195, 'step_size': 1, 'allocation_ratio': 1.0, 'reserved': 0}}}}",
                    dbg=("set_inventory_for_provider", rep, 940))
            (log.log if i % 3 == 0 else _skip)(tt + 77, PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                    f"Compute_service record updated for {HOST_CMP}:{NODE_CMP}", dbg=("_update_available_resource", rt, 1013))
            # heal info cache (every other minute here)
            tt += r.randint(400, 900)
            if i % 2:
                t += 60000 + r.randint(-150, 150)
                i += 1
                continue
            log.log(tt, PID_COMPUTE, "DEBUG", "oslo_service.periodic_task", ctx,
                    "Running periodic task ComputeManager._heal_instance_info_cache", dbg=("run_periodic_tasks", pt, 210))
            log.log(tt + 1, PID_COMPUTE, "DEBUG", "nova.compute.manager", ctx, "Starting heal instance info cache",
                    dbg=("_heal_instance_info_cache", mgr, 9941))
            log.log(tt + 2, PID_COMPUTE, "DEBUG", "nova.compute.manager", ctx, "Rebuilding the list of instances to heal",
                    dbg=("_heal_instance_info_cache", mgr, 9945))
            alive = [x for x in INST if x["outcome"] == "ok" and x["t_api"] + 20000 < tt and (
                x["deleted"] is None or x["deleted"] > tt)]
            if alive:
                x = alive[i % len(alive)]
                log.log(tt + 160, PID_COMPUTE, "DEBUG", "nova.compute.manager", ctx,
                        "Updated the network info_cache for instance", instance=x["id"],
                        dbg=("_heal_instance_info_cache", mgr, 10014))
            else:
                log.log(tt + 3, PID_COMPUTE, "DEBUG", "nova.compute.manager", ctx,
                        "Didn't find any instances for network info cache update.",
                        dbg=("_heal_instance_info_cache", mgr, 10023))
            if i % 5 == 0:
                log.log(tt + r.randint(900, 2000), PID_COMPUTE, "DEBUG", "oslo_service.periodic_task", ctx,
                        "Running periodic task ComputeManager._check_instance_build_time",
                        dbg=("run_periodic_tasks", pt, 210))
            t += 60000 + r.randint(-150, 150)
            i += 1
        # benign WARNING: report_state ran late (loopingcall), now and then
        for k in range(4 if tag == "today" else 6):
            ms = start + (end - start) * (k * 2 + 1) // (8 if tag == "today" else 12) + r.randint(0, 50000)
            log.log(ms, PID_COMPUTE, "WARNING", "oslo.service.loopingcall", "-",
                    "Function 'nova.servicegroup.drivers.db.DbDriver._report_state' run outlasted interval by "
                    f"{r.randint(50, 400) / 100.0:.2f} sec")

    def noise_api(self):
        r = rng("api-noise")
        t = LOG_START + 12044
        i = 0
        rl = "nova.api.openstack.requestlog"
        cellfn = "nova.context.set_target_cell.<locals>.get_or_set_cached_cell_and_set_connections"
        while t < COLLECT:
            rq = req(r)
            pid = r.choice(PID_API)
            ctx = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
            if i % 5 == 0:
                lock_lines(self.api, t + 3, pid, ctx, CELL1, cellfn, 0.0)
            self.api.log(t + 155 + r.randint(0, 120), pid, "INFO", rl, ctx,
                         f'{CLIENT_IP} "GET /v2.1/servers/detail?all_tenants=True" status: 200 len: '
                         f'{2100 + 1890 * self.alive_instances(t)} microversion: 2.1 time: 0.{r.randint(140000, 390000):06d}')
            if i % 2 == 0:
                rq = req(r)
                ctx = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
                pid = r.choice(PID_API)
                self.api.log(t + 2000 + r.randint(0, 400), pid, "INFO", rl, ctx,
                             f'{CLIENT_IP} "GET /v2.1/os-services" status: 200 len: 1403 microversion: 2.1 '
                             f'time: 0.{r.randint(40000, 90000):06d}')
                rq = req(r)
                ctx = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
                self.api.log(t + 3100 + r.randint(0, 400), pid, "INFO", rl, ctx,
                             f'{CLIENT_IP} "GET /v2.1/os-hypervisors/detail" status: 200 len: 1187 microversion: 2.1 '
                             f'time: 0.{r.randint(50000, 120000):06d}')
            t += 120000 + r.randint(-200, 200)
            i += 1

    def noise_scheduler(self):
        r = rng("sched-noise")
        t = LOG_START + 47113
        hm = FL.p("nova/scheduler/host_manager.py")
        while t < COLLECT:
            pid = r.choice(PID_SCHED)
            rq = req(r)
            ctx = FL.pctx(rq)
            if (t // 120000) % 3 == 0:
                lock_lines(self.sched, t, pid, ctx, "host_instance",
                           "nova.scheduler.host_manager.HostManager.sync_instance_info", 0.001)
            self.sched.log(t + 3, pid, "INFO", "nova.scheduler.host_manager", ctx,
                           f"Successfully synced instances from host '{HOST_CMP}'.")
            t += 120000 + r.randint(-300, 300)
        pt = FL.p("oslo_service/periodic_task.py")
        t = LOG_START + 31877
        while t < COLLECT:
            for pid in PID_SCHED:
                ctx = FL.pctx(req(r))
                self.sched.log(t + r.randint(0, 900), pid, "DEBUG", "oslo_service.periodic_task", ctx,
                               "Running periodic task SchedulerManager._discover_hosts_in_cells",
                               dbg=("run_periodic_tasks", pt, 210))
            t += 300000 + r.randint(-500, 500)

    def noise_conductor(self):
        r = rng("cond-noise")
        t = LOG_START + 73021
        cellfn = "nova.context.set_target_cell.<locals>.get_or_set_cached_cell_and_set_connections"
        while t < COLLECT:
            pid = r.choice(PID_COND)
            ctx = FL.pctx(req(r))
            lock_lines(self.cond, t, pid, ctx, CELL1, cellfn, 0.0)
            t += 600000 + r.randint(-3000, 3000)

    def noise_neutron(self):
        r = rng("neutron-noise")
        tr = FL.p("ovsdbapp/backend/ovs_idl/transaction.py")
        # monitoring exporter lists agents every 30 s; neutron pings the
        # chassis (CheckLivenessCommand -> NB_Global.nb_cfg + 1) at most once
        # every agent_down_time/2, i.e. at :52 every minute here.
        t = T(D, "05:26:22", 300)
        while t < COLLECT:
            rq = req(r)
            pid = r.choice(PID_NEUTRON_API)
            ctx = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
            ms = t + r.randint(0, 150)
            self.neutron.log(ms + 71, pid, "INFO", "neutron.wsgi", ctx,
                             f'{CLIENT_IP} "GET /v2.0/agents HTTP/1.1" status: 200  len: 1918 '
                             f'time: 0.{r.randint(400000, 990000):07d}')
            t += 60000
        # the once-a-minute liveness bump, in the context of the agents call
        t = T(D, "05:25:52", 310)
        while t <= COLLECT:
            rq = req(r)
            pid = r.choice(PID_NEUTRON_API)
            ctx = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
            self.neutron.log(t, pid, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", ctx,
                             "Running txn n=1 command(idx=0): CheckLivenessCommand()", dbg=("do_commit", tr, 89))
            self.neutron.log(t + 38, pid, "INFO", "neutron.wsgi", ctx,
                             f'{CLIENT_IP} "GET /v2.0/agents HTTP/1.1" status: 200  len: 1918 '
                             f'time: 0.{r.randint(40000, 99000):07d}')
            t += 60000
        # exporter also polls ports and networks every 60 s
        t = LOG_START + 41000
        while t < COLLECT:
            for path, ln in (("/v2.0/ports", 8211), ("/v2.0/networks", 1733), ("/v2.0/routers", 1510)):
                rq = req(r)
                pid = r.choice(PID_NEUTRON_API)
                ctx = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
                self.neutron.log(t + r.randint(0, 800), pid, "INFO", "neutron.wsgi", ctx,
                                 f'{CLIENT_IP} "GET {path} HTTP/1.1" status: 200  len: {ln + r.randint(0, 40)} '
                                 f'time: 0.{r.randint(60000, 400000):07d}')
            t += 180000 + r.randint(-100, 100)
        # maintenance task every 5 min
        mt = FL.p("neutron/plugins/ml2/drivers/ovn/mech_driver/ovsdb/maintenance.py")
        t = LOG_START + 173000
        while t < COLLECT:
            self.neutron.log(t, PID_NEUTRON_MAINT, "DEBUG",
                             "neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.maintenance", "-",
                             "Maintenance task: Synchronizing Neutron and OVN databases",
                             dbg=("check_for_inconsistencies", mt, 347))
            self.neutron.log(t + 8, PID_NEUTRON_MAINT, "DEBUG",
                             "neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.maintenance", "-",
                             "Maintenance task: No inconsistencies found. Skipping",
                             dbg=("check_for_inconsistencies", mt, 371))
            t += 300000 + r.randint(-50, 50)
        # benign WARNINGs: an expired token from the exporter
        for hms in ("08:41:17", "11:56:02"):
            ms = T(D, hms, r.randint(0, 999))
            pid = r.choice(PID_NEUTRON_API)
            self.neutron.log(ms, pid, "WARNING", "keystonemiddleware.auth_token", "-",
                             'Identity response: {"error":{"code":401,"message":"The request you have made requires '
                             'authentication.","title":"Unauthorized"}}')
            self.neutron.log(ms + 1, pid, "WARNING", "keystonemiddleware.auth_token", "-",
                             "Authorization failed for token")
            self.neutron.log(ms + 3, pid, "INFO", "neutron.wsgi", "-",
                             f'{CLIENT_IP} "GET /v2.0/agents HTTP/1.1" status: 401  len: 316 time: 0.0052511')

    def noise_ovn_central(self):
        r = rng("ovn-central-noise")
        for lg, name in ((self.northd, "ovn-northd"), (self.sb, "ovsdb-server-sb"), (self.nb, "ovsdb-server-nb")):
            lg.log(LOG_START + 212, "vlog", "INFO", f"opened log file /var/log/ovn/{name}.log")
        # northd: trims memory after each quiet period following NB changes
        t = T(D, "05:25:52", 900)
        k = 0
        while t < COLLECT:
            if k % 7 == 0:
                self.northd.log(t + 30000 + r.randint(1, 40), "memory_trim", "INFO",
                                f"Detected inactivity (last active {30001 + r.randint(0, 40)} ms ago): trimming memory")
            t += 60000
            k += 1
        # SB/NB: periodic memory reports and a slow poll now and then
        for lg, base in ((self.sb, 51234), (self.nb, 40211)):
            t = LOG_START + 1800000 + r.randint(0, 60000)
            while t < COLLECT:
                lg.log(t, "memory", "INFO",
                       f"atoms:{base * 3 + r.randint(0, 900)} cells:{base * 4 + r.randint(0, 900)} json-caches:2"
                       f"({r.randint(400, 900)}kB) monitors:{4 if lg is self.sb else 3} n-weak-refs:{r.randint(200, 260)} "
                       f"sessions:{5 if lg is self.sb else 3}")
                t += 3600000 + r.randint(-60000, 60000)
        self.sb.log(T(D, "09:14:38", 221), "timeval", "WARN",
                    "Unreasonably long 1127ms poll interval (1093ms user, 31ms system)")
        self.sb.log(T(D, "09:14:38", 221), "timeval", "WARN", "faults: 2811 minor, 0 major")
        self.sb.log(T(D, "09:14:38", 221), "timeval", "WARN", "context switches: 0 voluntary, 9 involuntary")

    def noise_net1(self):
        r = rng("net1-noise")
        self.net_ovnc.log(LOG_START + 355, "vlog", "INFO", "opened log file /var/log/ovn/ovn-controller.log")
        self.net_vsd.log(LOG_START + 361, "vlog", "INFO", "opened log file /var/log/openvswitch/ovs-vswitchd.log")
        self.net_ovsdb.log(LOG_START + 366, "vlog", "INFO", "opened log file /var/log/openvswitch/ovsdb-server.log")
        # every nb_cfg bump wakes ovn-controller; it trims memory after 30 s idle
        t = T(D, "05:25:52", 420)
        while t < COLLECT:
            self.net_ovnc.log(t + 30000 + r.randint(0, 30), "memory_trim", "INFO",
                              f"Detected inactivity (last active {30000 + r.randint(0, 30)} ms ago): trimming memory")
            t += 60000
        t = LOG_START + 2400000
        while t < COLLECT:
            self.net_vsd.log(t, "memory", "INFO", f"handlers:4 idl-cells-Open_vSwitch:{612 + r.randint(0, 4)} ofconns:2 "
                             f"ports:5 revalidators:2 rules:{1930 + r.randint(0, 60)} udpif keys:{r.randint(10, 90)}")
            t += 7200000 + r.randint(-60000, 60000)

    def noise_cmp_ovs(self):
        r = rng("cmp-ovs-noise")
        self.cmp_ovnc.log(LOG_START + 349, "vlog", "INFO", "opened log file /var/log/ovn/ovn-controller.log")
        self.cmp_vsd.log(LOG_START + 352, "vlog", "INFO", "opened log file /var/log/openvswitch/ovs-vswitchd.log")
        self.cmp_ovsdb.log(LOG_START + 358, "vlog", "INFO", "opened log file /var/log/openvswitch/ovsdb-server.log")
        # while connected, every nb_cfg bump -> memory_trim 30 s later
        t = T(D, "05:25:52", 467)
        while t + 30030 < OVNC_STOP:
            self.cmp_ovnc.log(t + 30000 + r.randint(0, 30), "memory_trim", "INFO",
                              f"Detected inactivity (last active {30000 + r.randint(0, 30)} ms ago): trimming memory")
            t += 60000
        t = LOG_START + 2500000
        while t < COLLECT:
            self.cmp_vsd.log(t, "memory", "INFO", f"handlers:10 idl-cells-Open_vSwitch:{1240 + r.randint(0, 40)} "
                             f"ofconns:1 ports:{2 + self.alive_instances(t)} revalidators:4 rules:{3100 + r.randint(0, 300)} "
                             f"udpif keys:{r.randint(40, 400)}")
            t += 7200000 + r.randint(-60000, 60000)
        # benign SB reconnect at 10:31Z (inactivity probe), recovers at once:
        # gives the file an earlier "connected" and a recovered blip
        b = T(D, "10:31:44", 108)
        self.cmp_ovnc.log(b, "reconnect", "ERR",
                          f"{SB_REMOTE}: no response to inactivity probe after 60 seconds, disconnecting")
        self.cmp_ovnc.log(b, "reconnect", "INFO", f"{SB_REMOTE}: connection dropped")
        self.cmp_ovnc.log(b + 1002, "reconnect", "INFO", f"{SB_REMOTE}: connecting...")
        self.cmp_ovnc.log(b + 1006, "reconnect", "INFO", f"{SB_REMOTE}: connected")
        self.cmp_ovnc.log(b + 1049, "main", "INFO", "OVNSB IDL reconnected, force recompute.")
        self.sb.log(b - 41, "reconnect", "ERR",
                    f"tcp:{CMP_IP}:41562: no response to inactivity probe after 60 seconds, disconnecting")

    def noise_metadata(self):
        r = rng("meta-noise")
        tr = FL.p("ovsdbapp/backend/ovs_idl/transaction.py")
        # the metadata agent has its own SB session (established before
        # 14:02 and never dropped) and echoes SB_Global.nb_cfg into
        # Chassis_Private.external_ids:neutron:ovn-metadata-sb-cfg
        t = T(D, "05:25:52", 700)
        while t < COLLECT:
            ms = t + r.randint(200, 9000)
            cfg = self.nb_cfg_at(t)
            ctx = "-"
            self.meta.log(ms, PID_META, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", ctx,
                          f"Running txn n=1 command(idx=0): DbSetCommand(table=Chassis_Private, record={CMP_SYSID}, "
                          f"col_values=(('external_ids', {{'neutron:ovn-metadata-sb-cfg': '{cfg}'}}),), if_exists=True)",
                          dbg=("do_commit", tr, 89))
            t += 60000
        t = LOG_START + 600000
        while t < COLLECT:
            self.meta.log(t, PID_META, "INFO", "eventlet.wsgi.server", "-",
                          f"198.51.100.{r.choice([201, 203, 205, 206, 208, 209, 210, 211])},<local> "
                          f"\"GET /latest/meta-data/ HTTP/1.1\" status: 200  len: 361 time: 0.{r.randint(10000, 90000):07d}")
            t += 900000 + r.randint(-60000, 60000)

    def noise_syslog(self):
        r = rng("syslog-noise")
        t = T(D, "05:17:01", 0)
        while t < COLLECT:
            pid = r.randint(300000, 900000)
            self.sysl(t, f"CRON[{pid}]", "(root) CMD (   cd / && run-parts --report /etc/cron.hourly)")
            t += 3600000
        t = LOG_START + 333000
        while t < COLLECT:
            self.sysl(t, "systemd[1]", "Starting Refresh fwupd metadata and update motd...")
            self.sysl(t + 1450, "systemd[1]", "fwupd-refresh.service: Deactivated successfully.")
            self.sysl(t + 1451, "systemd[1]", "Finished Refresh fwupd metadata and update motd.")
            t += 4 * 3600000 + r.randint(0, 1800000)
        for hms in ("06:39:44", "09:02:17", "11:48:30", "13:27:02"):
            ms = T(D, hms, r.randint(0, 999))
            self.sysl(ms, "systemd-timesyncd[811]", "Initial synchronization to time server 192.0.2.1:123 (ntp.example.com).") \
                if hms == "06:39:44" else self.sysl(ms, "systemd[1]", "Starting Cleanup of Temporary Directories...")
            if hms != "06:39:44":
                self.sysl(ms + 40, "systemd[1]", "systemd-tmpfiles-clean.service: Deactivated successfully.")
                self.sysl(ms + 41, "systemd[1]", "Finished Cleanup of Temporary Directories.")
        # dmesg: keep the boot banner (sos dmesg shows the ring buffer start)
        boot = self.boot_ms
        banner = [
            (0, "Linux version 5.15.0-131-generic (buildd@lcy02-amd64-057) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, "
                "GNU ld (GNU Binutils for Ubuntu) 2.38) #141-Ubuntu SMP Fri Jan 10 21:18:28 UTC 2025 (Ubuntu 5.15.0-131.141-generic 5.15.173)"),
            (0, "Command line: BOOT_IMAGE=/vmlinuz-5.15.0-131-generic root=UUID=5d6c4b2a-1f3e-4a7d-9c8b-0e2f4a6c8d1b ro"),
            (0, "KERNEL supported cpus:"),
            (0, "  Intel GenuineIntel"),
            (0, "  AMD AuthenticAMD"),
            (21.418213, "openvswitch: Open vSwitch switching datapath"),
            (21.624511, "device ovs-system entered promiscuous mode"),
            (21.655042, "Timeout policy base is empty"),
            (21.733190, "device br-int entered promiscuous mode"),
            (22.017733, "device genev_sys_6081 entered promiscuous mode"),
        ]
        for rel, text in banner:
            stamp = "[%12.6f]" % rel
            self.dmesg.put(boot + int(rel * 1000), lambda m, s=stamp, tx=text: f"{s} {tx}")
        self.dmesg.window = (boot, COLLECT)

    def benign_events(self):
        """Harmless noise with a traceback: a periodic task on cmp-1 hits an
        RPC timeout to the conductor at 08:47Z and recovers."""
        r = rng("benign")
        t = T(D, "08:47:32", 196)
        msg_id = hex32(r)
        msg_id2 = hex32(r)
        rq = req(r)
        ctx = FL.pctx(rq)
        self.cmp.exc(t, PID_COMPUTE, "oslo_service.periodic_task", ctx,
                     "Error during ComputeManager.update_available_resource: oslo_messaging.exceptions.MessagingTimeout: "
                     f"Timed out waiting for a reply to message ID {msg_id}",
                     tb_messaging_timeout(FL, msg_id, PYVER))
        self.cmp.log(t + 4578, PID_COMPUTE, "WARNING", "nova.servicegroup.drivers.db", "-",
                     "Lost connection to nova-conductor for reporting service status.: "
                     f"oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID {msg_id2}")
        self.cmp.log(t + 4579, PID_COMPUTE, "WARNING", "oslo.service.loopingcall", "-",
                     "Function 'nova.servicegroup.drivers.db.DbDriver._report_state' run outlasted interval by 50.01 sec")
        self.cmp.log(t + 14612, PID_COMPUTE, "INFO", "nova.servicegroup.drivers.db", "-",
                     "Recovered from being unable to report status.")
        self.cmp.log(t + 14790, PID_COMPUTE, "INFO", "oslo_messaging._drivers.amqpdriver", "-",
                     f"No calling threads waiting for msg_id : {msg_id}")

    # ------------------------------------------------------------- boots
    def boot(self, inst):
        r = rng("boot-" + inst["id"])
        t0 = inst["t_api"]
        I, P, M, IP = inst["id"], inst["port"], inst["mac"], inst["ip"]
        TAP = tap(P)
        rq = inst["req"]
        uctx = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
        pyn = FL.p
        api_pid = r.choice(PID_API)
        cmp = self.compute_log(t0)
        ctl_logs = t0 >= LOG_START

        # --- nova-api: POST /servers
        if ctl_logs:
            self.api.log(t0, api_pid, "DEBUG", "nova.api.openstack.wsgi", uctx,
                         "Action: 'create', calling method: <bound method ServersController.create of "
                         "<nova.api.openstack.compute.servers.ServersController object at 0x7f2b4c9e3d60>>, body: "
                         f'{{"server": {{"name": "{inst["name"]}", "imageRef": "{IMAGE}", "flavorRef": "{FLAVOR_ID}", '
                         f'"min_count": 1, "max_count": 1, "networks": [{{"uuid": "{NET_PRIV}"}}]}}}}',
                         dbg=("_process_stack", pyn("nova/api/openstack/wsgi.py"), 511))
            self.api.log(t0 + 311, api_pid, "DEBUG", "nova.compute.api", uctx, "Going to run 1 instances...",
                         dbg=("_provision_instances", pyn("nova/compute/api.py"), 1063))
            self.api.log(t0 + 702, api_pid, "INFO", "nova.api.openstack.requestlog", uctx,
                         f'{CLIENT_IP} "POST /v2.1/servers" status: 202 len: 414 microversion: 2.95 '
                         f'time: 0.{702000 + r.randint(0, 999):06d}')

        # --- conductor + scheduler
        cpid = r.choice(PID_COND)
        spid = r.choice(PID_SCHED)
        ts = t0 + 760
        n_before = self.alive_instances(t0 - 1)
        hoststate = (f"({HOST_CMP}, {NODE_CMP}) ram: {15969 - 512 - 1536 * n_before}MB "
                     f"disk: {(195 - 20 * n_before) * 1024}MB io_ops: 0 instances: {n_before}")
        cellfn = "nova.context.set_target_cell.<locals>.get_or_set_cached_cell_and_set_connections"
        if ctl_logs:
            sm = pyn("nova/scheduler/manager.py")
            self.sched.log(ts, spid, "DEBUG", "nova.scheduler.manager", uctx,
                           f"Starting to schedule for instances: ['{I}']", dbg=("select_destinations", sm, 141))
            lock_lines(self.sched, ts + 20, spid, uctx, CELL1, cellfn, 0.0)
            self.sched.log(ts + 64, spid, "DEBUG", "nova.scheduler.host_manager", uctx,
                           f"Getting compute nodes and services for cell {CELL1}(cell1)",
                           dbg=("_get_computes_for_cells", pyn("nova/scheduler/host_manager.py"), 651))
            fl_ = pyn("nova/filters.py")
            self.sched.log(ts + 118, spid, "DEBUG", "nova.filters", uctx, "Starting with 1 host(s)",
                           dbg=("get_filtered_objects", fl_, 70))
            for k, f in enumerate(["AvailabilityZoneFilter", "ComputeFilter", "ComputeCapabilitiesFilter",
                                   "ImagePropertiesFilter", "ServerGroupAntiAffinityFilter",
                                   "ServerGroupAffinityFilter"]):
                self.sched.log(ts + 119 + k, spid, "DEBUG", "nova.filters", uctx, f"Filter {f} returned 1 host(s)",
                               dbg=("get_filtered_objects", fl_, 102))
            self.sched.log(ts + 127, spid, "DEBUG", "nova.scheduler.manager", uctx, f"Filtered [{hoststate}]",
                           dbg=("_get_sorted_hosts", sm, 610))
            self.sched.log(ts + 128, spid, "DEBUG", "nova.scheduler.manager", uctx,
                           f"Weighed [WeighedHost [host: {hoststate}, weight: 0.0]]", dbg=("_get_sorted_hosts", sm, 630))
            self.sched.log(ts + 131, spid, "DEBUG", "nova.scheduler.utils", uctx,
                           f"Attempting to claim resources in the placement API for instance {I}",
                           dbg=("claim_resources", pyn("nova/scheduler/utils.py"), 1351))
            self.sched.log(ts + 412, spid, "DEBUG", "nova.scheduler.manager", uctx, f"Selected host: {hoststate}",
                           instance=I, dbg=("_consume_selected_host", sm, 486))
            lock_lines(self.sched, ts + 414, spid, uctx, f"('{HOST_CMP}', '{NODE_CMP}')",
                       "nova.scheduler.host_manager.HostState.consume_from_request.<locals>._locked", 0.001)
            self.cond.log(ts + 473, cpid, "DEBUG", "nova.conductor.manager", uctx,
                          f"Took 0.{470 + r.randint(0, 90)} seconds to select destinations for 1 instance(s).",
                          dbg=("_schedule_instances", pyn("nova/conductor/manager.py"), 945))
            lock_lines(self.cond, ts + 520, cpid, uctx, CELL1, cellfn, 0.0)

        # --- nova-compute
        t1 = ts + 1010 + r.randint(0, 120)
        cm = pyn("nova/compute/manager.py")
        lockfn = "nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance"
        cmp.log(t1, PID_COMPUTE, "DEBUG", "oslo_concurrency.lockutils", uctx,
                f'Acquiring lock "{I}" by "{lockfn}"', dbg=("inner", pyn("oslo_concurrency/lockutils.py"), 404))
        cmp.log(t1 + 1, PID_COMPUTE, "DEBUG", "oslo_concurrency.lockutils", uctx,
                f'Lock "{I}" acquired by "{lockfn}" :: waited 0.000s',
                dbg=("inner", pyn("oslo_concurrency/lockutils.py"), 409))
        cmp.log(t1 + 24, PID_COMPUTE, "DEBUG", "nova.compute.manager", uctx, "Starting instance...", instance=I,
                dbg=("_do_build_and_run_instance", cm, 2438))
        lock_lines(cmp, t1 + 101, PID_COMPUTE, uctx, "compute_resources",
                   "nova.compute.resource_tracker.ResourceTracker.instance_claim", 0.094)
        cmp.log(t1 + 190, PID_COMPUTE, "INFO", "nova.compute.claims", uctx, f"Claim successful on node {NODE_CMP}",
                instance=I)
        cmp.log(t1 + 262, PID_COMPUTE, "DEBUG", "nova.compute.manager", uctx,
                "Start building networks asynchronously for instance.", instance=I,
                dbg=("_build_resources", cm, 2835))
        cmp.log(t1 + 390, PID_COMPUTE, "DEBUG", "nova.compute.manager", uctx,
                "Allocating IP information in the background.", instance=I, dbg=("_allocate_network_async", cm, 1953))
        cmp.log(t1 + 391, PID_COMPUTE, "DEBUG", "nova.network.neutron", uctx, "allocate_for_instance()", instance=I,
                dbg=("allocate_for_instance", pyn("nova/network/neutron.py"), 1189))
        cmp.log(t1 + 466, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", uctx, "Creating image(s)", instance=I)
        spawn_start = t1 + 466

        # neutron: port create (nova, user token) and binding update (nova service token)
        npid = r.choice(PID_NEUTRON_API)
        npid2 = r.choice(PID_NEUTRON_API)
        tr = pyn("ovsdbapp/backend/ovs_idl/transaction.py")
        t_post = t1 + 430
        t_put = t1 + 1012
        nreq_post = req(r)
        nreq_put = inst.get("nreq") or req(r)
        n_post_ctx = FL.uctx(nreq_post, ADMIN_USER, ADMIN_PROJECT, greq=rq)
        n_put_ctx = FL.uctx(nreq_put, NOVA_USER, SERVICE_PROJECT, greq=rq)
        if ctl_logs:
            self.neutron.log(t_post + 230, npid, "DEBUG", "neutron.db.provisioning_blocks", n_post_ctx,
                             f"Transition to ACTIVE for port object {P} will not be triggered until provisioned by "
                             "entity L2.", dbg=("add_provisioning_component", pyn("neutron/db/provisioning_blocks.py"), 73))
            self.neutron.log(t_post + 262, npid, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", n_post_ctx,
                             f"Running txn n=1 command(idx=0): AddLSwitchPortCommand(lport={P}, lswitch=neutron-{NET_PRIV}, "
                             f"may_exist=True, columns={{'addresses': ['{M} {IP}'], 'port_security': ['{M} {IP}'], "
                             "'type': '', 'options': {'mcast_flood_reports': 'true'}, 'enabled': True})",
                             dbg=("do_commit", tr, 89))
            self.neutron.log(t_post + 530, npid, "INFO", "neutron.wsgi", n_post_ctx,
                             f'{CMP_IP} "POST /v2.0/ports HTTP/1.1" status: 201  len: 1326 '
                             f'time: 0.{5300000 + r.randint(0, 99999):07d}')
        cmp.log(t_post + 545, PID_COMPUTE, "DEBUG", "nova.network.neutron", uctx, f"Successfully created port: {P}",
                instance=I, dbg=("_create_port_minimal", pyn("nova/network/neutron.py"), 548))

        mgr_ovn = "neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver"
        ml2m = pyn("neutron/plugins/ml2/managers.py")
        ovnm = pyn("neutron/plugins/ml2/drivers/ovn/mech_driver/mech_driver.py")
        bound = inst["outcome"] != "bindfail"
        if ctl_logs:
            self.neutron.log(t_put + 61, npid2, "DEBUG", "neutron.plugins.ml2.managers", n_put_ctx,
                             f"Attempting to bind port {P} on host {HOST_CMP} for vnic_type normal with profile ",
                             dbg=("bind_port", ml2m, 810))
            if bound:
                self.neutron.log(t_put + 63, npid2, "DEBUG", mgr_ovn, n_put_ctx,
                                 f"Attempting to bind port {P} on host {HOST_CMP} for network segment with type geneve, "
                                 f"segmentation ID {VNI_PRIV}, physical network None", dbg=("bind_port", ovnm, 1012))
                self.neutron.log(t_put + 66, npid2, "DEBUG", "neutron.plugins.ml2.managers", n_put_ctx,
                                 bound_port_msg(P, HOST_CMP, SEG_PRIV, VNI_PRIV), dbg=("_bind_port_level", ml2m, 932))
                self.neutron.log(t_put + 240, npid2, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", n_put_ctx,
                                 f"Running txn n=1 command(idx=0): SetLSwitchPortCommand(lport={P}, external_ids_update=None, "
                                 f"if_exists=False, columns={{'external_ids': {{'neutron:cidrs': '{IP}/26', "
                                 f"'neutron:device_id': '{I}', 'neutron:device_owner': 'compute:nova', "
                                 f"'neutron:host_id': '{HOST_CMP}'}}, 'options': {{'requested-chassis': '{HOST_CMP}', "
                                 "'mcast_flood_reports': 'true'}})", dbg=("do_commit", tr, 89))
            else:
                self.neutron.log(t_put + 63, npid2, "WARNING", mgr_ovn, n_put_ctx,
                                 f"Refusing to bind port {P} to dead agent:  "
                                 "<neutron.plugins.ml2.drivers.ovn.agent.neutron_agent.ControllerAgent object at "
                                 "0x7f3a61d2b4f0>")
                self.neutron.log(t_put + 65, npid2, "ERROR", "neutron.plugins.ml2.managers", n_put_ctx,
                                 f"Failed to bind port {P} on host {HOST_CMP} for vnic_type normal using segments "
                                 f"{segments_repr(SEG_PRIV, VNI_PRIV)}")
                self.neutron.log(t_put + 233, npid2, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", n_put_ctx,
                                 f"Running txn n=1 command(idx=0): SetLSwitchPortCommand(lport={P}, external_ids_update=None, "
                                 f"if_exists=False, columns={{'external_ids': {{'neutron:cidrs': '{IP}/26', "
                                 f"'neutron:device_id': '{I}', 'neutron:device_owner': 'compute:nova', "
                                 f"'neutron:host_id': '{HOST_CMP}'}}, 'options': {{'mcast_flood_reports': 'true'}}}})",
                                 dbg=("do_commit", tr, 89))
            self.neutron.log(t_put + 498, npid2, "INFO", "neutron.wsgi", n_put_ctx,
                             f'{CMP_IP} "PUT /v2.0/ports/{P} HTTP/1.1" status: 200  len: {1475 if bound else 1402} '
                             f'time: 0.{4980000 + r.randint(0, 99999):07d}')

        if inst["outcome"] == "bindfail":
            self.boot_bindfail(inst, r, cmp, uctx, t1, t_put, spawn_start)
            return

        cmp.log(t_put + 512, PID_COMPUTE, "DEBUG", "nova.network.neutron", uctx, f"Successfully updated port: {P}",
                instance=I, dbg=("_update_port", pyn("nova/network/neutron.py"), 585))
        cmp.log(t_put + 590, PID_COMPUTE, "DEBUG", "nova.network.neutron", uctx,
                f'Updating instance_info_cache with network_info: [{{"id": "{P}", "address": "{M}", "network": '
                f'{{"id": "{NET_PRIV}", "bridge": "br-int", "label": "private", "subnets": [{{"cidr": "{PRIV_CIDR}", '
                f'"dns": [], "gateway": {{"address": "198.51.100.193", "type": "gateway", "version": 4, "meta": {{}}}}, '
                f'"ips": [{{"address": "{IP}", "type": "fixed", "version": 4, "meta": {{}}, "floating_ips": []}}], '
                f'"routes": [], "version": 4, "meta": {{"enable_dhcp": true, "dhcp_server": "198.51.100.194"}}}}], '
                f'"meta": {{"injected": false, "tenant_id": "{ADMIN_PROJECT}", "mtu": 1442, "physical_network": null, '
                f'"tunneled": true}}}}, "type": "ovs", "details": {{"port_filter": true, "connectivity": "l2", '
                f'"bridge_name": "br-int", "datapath_type": "system"}}, "devname": "{TAP}", "ovs_interfaceid": "{P}", '
                f'"qbh_params": null, "qbg_params": null, "active": false, "vnic_type": "normal", "profile": {{}}, '
                f'"preserve_on_delete": false, "delegate_create": true, "meta": {{}}}}]',
                instance=I, dbg=("update_instance_cache_with_nw_info", pyn("nova/network/neutron.py"), 117))

        # plug
        t_plug = t1 + 2890 + r.randint(0, 700)
        cmp.log(t_plug, PID_COMPUTE, "DEBUG", "nova.compute.manager", uctx,
                f"Preparing to wait for external event network-vif-plugged-{P}", instance=I,
                dbg=("prepare_for_instance_event", cm, 283))
        cmp.log(t_plug + 3, PID_COMPUTE, "DEBUG", "os_vif", uctx, f"Plugging vif {vif_repr(P, M, NET_PRIV, TAP)}",
                dbg=("plug", pyn("os_vif/__init__.py"), 76))
        cmp.log(t_plug + 9, PID_COMPUTE, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", "-",
                "Running txn n=1 command(idx=0): AddBridgeCommand(name=br-int, may_exist=True, datapath_type=system)",
                dbg=("do_commit", pyn("ovsdbapp/backend/ovs_idl/transaction.py"), 89))
        cmp.log(t_plug + 11, PID_COMPUTE, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", "-",
                f"Running txn n=1 command(idx=0): AddPortCommand(bridge=br-int, port={TAP}, may_exist=True, "
                "interface_attrs={})", dbg=("do_commit", pyn("ovsdbapp/backend/ovs_idl/transaction.py"), 89))
        cmp.log(t_plug + 12, PID_COMPUTE, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", "-",
                f"Running txn n=1 command(idx=1): DbSetCommand(table=Interface, record={TAP}, col_values=(('external_ids', "
                f"{{'iface-id': '{P}', 'iface-status': 'active', 'attached-mac': '{M}', 'vm-uuid': '{I}'}}),), "
                "if_exists=True)", dbg=("do_commit", pyn("ovsdbapp/backend/ovs_idl/transaction.py"), 89))
        cmp.log(t_plug + 46, PID_COMPUTE, "INFO", "os_vif", uctx, f"Successfully plugged vif {vif_repr(P, M, NET_PRIV, TAP)}")
        self.kmsg(t_plug + 21, f"device {TAP} entered promiscuous mode")
        if t_plug >= LOG_START:
            self.cmp_vsd.log(t_plug + 24, "bridge", "INFO", f"bridge br-int: added interface {TAP} on port {inst['ofport']}")
            self.sysl(t_plug + 380, "systemd-machined[1012]", f"New machine qemu-{inst['qemu']}-{inst['libvirt']}.")
        t_guest = t_plug + 390
        lcreq = req(r)
        cmp.log(t_guest + 102, PID_COMPUTE, "DEBUG", "nova.virt.driver", "-",
                f"Emitting event <LifecycleEvent: {epoch_s(t_guest + 98)}.{(t_guest + 98) % 1000:03d}{r.randint(100, 999)}, {I} => Started>",
                dbg=("emit_event", pyn("nova/virt/driver.py"), 1656))
        cmp.log(t_guest + 104, PID_COMPUTE, "INFO", "nova.compute.manager", FL.pctx(lcreq), "VM Started (Lifecycle Event)",
                instance=I)
        cmp.log(t_guest + 160, PID_COMPUTE, "INFO", "nova.compute.manager", FL.pctx(lcreq), "VM Paused (Lifecycle Event)",
                instance=I)
        cmp.log(t_guest + 201, PID_COMPUTE, "INFO", "nova.compute.manager", FL.pctx(lcreq),
                "During sync_power_state the instance has a pending task (spawning). Skip.", instance=I)

        if inst["outcome"] == "timeout":
            self.boot_timeout(inst, r, cmp, uctx, t1, t_guest)
            return

        # healthy: ovn-controller claims, SB up, neutron notifies nova
        t_claim = t_plug + 27
        if t_claim >= LOG_START:
            self.cmp_ovnc.log(t_claim, "binding", "INFO", f"Claiming lport {P} for this chassis.")
            self.cmp_ovnc.log(t_claim, "binding", "INFO", f"{P}: Claiming {M} {IP}")
            self.cmp_ovnc.log(t_claim + 61, "binding", "INFO", f"Setting lport {P} ovn-installed in OVS")
            self.cmp_ovnc.log(t_claim + 61, "binding", "INFO", f"Setting lport {P} up in Southbound")
            self.cmp_vsd.log(t_claim + 70, "connmgr", "INFO",
                             f"br-int<->unix#3: {40 + r.randint(0, 40)} flow_mods in the last 0 s ({40 + r.randint(0, 20)} adds)")
            self.net_vsd.log(t_claim + 95, "connmgr", "INFO",
                             f"br-int<->unix#2: {4 + r.randint(0, 6)} flow_mods in the last 0 s ({4 + r.randint(0, 3)} adds)")
        t_up = t_claim + 61 + 210 + r.randint(0, 200)
        ev_greq = req(r)       # neutron-generated global id for the notifier call
        api_req = req(r)       # nova-api's local id for os-server-external-events
        if ctl_logs:
            upreq = req(r)
            self.neutron.log(t_up, npid, "INFO", mgr_ovn, FL.pctx(upreq), f"OVN reports status up for port: {P}")
            self.neutron.log(t_up + 23, npid, "DEBUG", "neutron.db.provisioning_blocks", FL.pctx(upreq),
                             f"Provisioning complete for port {P} triggered by entity L2.",
                             dbg=("provisioning_complete", pyn("neutron/db/provisioning_blocks.py"), 139))
            self.neutron.log(t_up + 118, npid, "DEBUG", "neutron.notifiers.nova", "-",
                             f"Sending events: [{nova_event(I, 'network-vif-plugged', P)}]",
                             dbg=("send_events", pyn("neutron/notifiers/nova.py"), 279))
            apid = r.choice(PID_API)
            actx = FL.uctx(api_req, NEUTRON_USER, SERVICE_PROJECT, greq=ev_greq)
            self.api.log(t_up + 171, apid, "INFO", "nova.api.openstack.compute.server_external_events", actx,
                         f"Creating event network-vif-plugged:{P} for instance {I} on {HOST_CMP}")
            self.api.log(t_up + 206, apid, "INFO", "nova.api.openstack.requestlog", actx,
                         f'{CTL_IP} "POST /v2.1/os-server-external-events" status: 200 len: 183 microversion: 2.1 '
                         f'time: 0.{60000 + r.randint(0, 30000):06d}')
            self.neutron.log(t_up + 214, npid, "INFO", "neutron.notifiers.nova", "-",
                             f"Nova event matching ['{api_req}'] response: {nova_event(I, 'network-vif-plugged', P, 200)}")
        ectx = FL.uctx(api_req, NEUTRON_USER, SERVICE_PROJECT, greq=ev_greq)
        t_ev = t_up + 230
        cmp.log(t_ev, PID_COMPUTE, "DEBUG", "nova.compute.manager", ectx,
                f"Received event network-vif-plugged-{P}", instance=I, dbg=("external_instance_event", cm, 11174))
        cmp.log(t_ev + 2, PID_COMPUTE, "DEBUG", "nova.compute.manager", ectx,
                f"Processing event network-vif-plugged-{P}", instance=I, dbg=("_process_instance_event", cm, 11005))
        t_res = t_ev + 90
        cmp.log(t_res, PID_COMPUTE, "DEBUG", "nova.virt.driver", "-",
                f"Emitting event <LifecycleEvent: {epoch_s(t_res - 4)}.{(t_res - 4) % 1000:03d}{r.randint(100, 999)}, {I} => Resumed>",
                dbg=("emit_event", pyn("nova/virt/driver.py"), 1656))
        cmp.log(t_res + 2, PID_COMPUTE, "INFO", "nova.compute.manager", FL.pctx(lcreq), "VM Resumed (Lifecycle Event)",
                instance=I)
        cmp.log(t_res + 15, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", "-", "Instance spawned successfully.",
                instance=I)
        t_sp = t_res + 16
        cmp.log(t_sp, PID_COMPUTE, "INFO", "nova.compute.manager", uctx,
                f"Took {(t_sp - spawn_start) / 1000.0:.2f} seconds to spawn the instance on the hypervisor.", instance=I)
        t_b = t_sp + 180 + r.randint(0, 120)
        cmp.log(t_b, PID_COMPUTE, "INFO", "nova.compute.manager", uctx,
                f"Took {(t_b - t1) / 1000.0:.2f} seconds to build instance.", instance=I)
        cmp.log(t_b + 3, PID_COMPUTE, "DEBUG", "oslo_concurrency.lockutils", uctx,
                f'Lock "{I}" "released" by "{lockfn}" :: held {(t_b + 3 - t1) / 1000.0:.3f}s',
                dbg=("inner", pyn("oslo_concurrency/lockutils.py"), 423))
        # client polls until ACTIVE
        if ctl_logs:
            tp = t0 + 2100
            while tp < t_b + 2100:
                self.api.log(tp, r.choice(PID_API), "INFO", "nova.api.openstack.requestlog",
                             FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT),
                             f'{CLIENT_IP} "GET /v2.1/servers/{I}" status: 200 len: 1871 microversion: 2.95 '
                             f'time: 0.{r.randint(90000, 190000):06d}')
                tp += 2000 + r.randint(0, 300)

    def boot_timeout(self, inst, r, cmp, uctx, t1, t_guest):
        """X: nobody claims the port; nova waits 300 s."""
        I, P = inst["id"], inst["port"]
        pyn = FL.p
        cm = pyn("nova/compute/manager.py")
        t_wait = t_guest + 210            # guest launched paused, deadline timer starts
        t_to = t_wait + 300000 + 4
        cmp.log(t_to, PID_COMPUTE, "WARNING", "nova.compute.manager", uctx,
                f"Timeout waiting for ['network-vif-plugged-{P}'] for instance with vm_state building and task_state "
                f"spawning. Event states are: network-vif-plugged-{P}: timed out after 300.00 seconds", instance=I)
        lcreq = req(r)
        cmp.log(t_to + 512, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", "-", "Instance destroyed successfully.",
                instance=I)
        cmp.log(t_to + 518, PID_COMPUTE, "INFO", "nova.compute.manager", FL.pctx(lcreq), "VM Stopped (Lifecycle Event)",
                instance=I)
        self.sysl(t_to + 498, "systemd-machined[1012]", f"Machine qemu-{inst['qemu']}-{inst['libvirt']} terminated.")
        t_fs = t_to + 731
        cmp.exc(t_fs, PID_COMPUTE, "nova.compute.manager", uctx,
                "Instance failed to spawn: nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed",
                tb_vif_timeout(FL, PYVER), instance=I)
        t_fa = t_fs + 287
        cmp.exc(t_fa, PID_COMPUTE, "nova.compute.manager", uctx,
                "Failed to allocate network(s): nova.exception.VirtualInterfaceCreateException: Virtual Interface "
                "creation failed", tb_vif_alloc(FL, PYVER), instance=I)
        t_ab = t_fa + 255
        msg = f"Build of instance {I} aborted: Failed to allocate the network(s), not rescheduling."
        cmp.log(t_ab, PID_COMPUTE, "ERROR", "nova.compute.manager", uctx, msg, instance=I)
        cmp.log(t_ab + 1, PID_COMPUTE, "DEBUG", "nova.compute.manager", uctx, msg, instance=I,
                dbg=("_do_build_and_run_instance", cm, 2365))
        lockfn = "nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance"
        cmp.log(t_ab + 388, PID_COMPUTE, "DEBUG", "oslo_concurrency.lockutils", uctx,
                f'Lock "{I}" "released" by "{lockfn}" :: held {(t_ab + 388 - t1) / 1000.0:.3f}s',
                dbg=("inner", pyn("oslo_concurrency/lockutils.py"), 423))
        # the user looks at the server a few times while it builds, then sees ERROR
        for k, dt in enumerate((2000, 4200, 6400, 30500, 92000, 185000, 301000, 312000)):
            self.api.log(inst["t_api"] + dt + r.randint(0, 300), r.choice(PID_API), "INFO",
                         "nova.api.openstack.requestlog", FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT),
                         f'{CLIENT_IP} "GET /v2.1/servers/{I}" status: 200 len: {1788 if dt < 306000 else 2391} '
                         f'microversion: 2.95 time: 0.{r.randint(90000, 190000):06d}')

    def boot_bindfail(self, inst, r, cmp, uctx, t1, t_put, spawn_start):
        """Y: neutron refuses to bind (dead agent) -> PortBindingFailed ->
        reschedule -> no alternate host -> MaxRetriesExceeded."""
        I, P = inst["id"], inst["port"]
        pyn = FL.p
        cm = pyn("nova/compute/manager.py")
        t_fs = spawn_start + 1544
        cmp.log(t_fs - 90, PID_COMPUTE, "DEBUG", "nova.virt.libvirt.driver", uctx,
                "Start _get_guest_xml network_info=<nova.network.model.NetworkInfoAsyncWrapper object at 0x7f61c8a3b2e0> "
                "disk_info={'disk_bus': 'virtio', 'cdrom_bus': 'sata', 'mapping': {'root': {'bus': 'virtio', 'dev': "
                "'vda', 'type': 'disk', 'boot_index': '1'}, 'disk': {'bus': 'virtio', 'dev': 'vda', 'type': 'disk', "
                "'boot_index': '1'}}} image_meta=ImageMeta(checksum='7c4a1d2f9e8b3a6c5d0e1f2a3b4c5d6e',container_format="
                f"'bare',disk_format='qcow2',id={IMAGE},min_disk=0,min_ram=0,name='ubuntu-22.04',owner='{ADMIN_PROJECT}',"
                "size=653262848,status='active',visibility=<?>) rescue=None block_device_info={'root_device_name': "
                "'/dev/vda', 'image': [], 'ephemerals': [], 'block_device_mapping': [], 'swap': None}",
                instance=I, dbg=("_get_guest_xml", pyn("nova/virt/libvirt/driver.py"), 7216))
        cmp.exc(t_fs, PID_COMPUTE, "nova.compute.manager", uctx,
                f"Instance failed to spawn: nova.exception.PortBindingFailed: {pbf_msg(P)}",
                tb_pbf_spawn(FL, PYVER, P), instance=I)
        cmp.log(t_fs + 214, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", "-", "Instance destroyed successfully.",
                instance=I)
        t_fb = t_fs + 683
        cmp.exc(t_fb, PID_COMPUTE, "nova.compute.manager", uctx,
                f"Failed to build and run instance: nova.exception.PortBindingFailed: {pbf_msg(P)}",
                tb_pbf_build(FL, PYVER, P), instance=I)
        cmp.log(t_fb + 91, PID_COMPUTE, "DEBUG", "nova.compute.manager", uctx,
                f"Build of instance {I} was re-scheduled: {pbf_msg(P)}", instance=I,
                dbg=("_do_build_and_run_instance", cm, 2413))
        lockfn = "nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance"
        cmp.log(t_fb + 402, PID_COMPUTE, "DEBUG", "oslo_concurrency.lockutils", uctx,
                f'Lock "{I}" "released" by "{lockfn}" :: held {(t_fb + 402 - t1) / 1000.0:.3f}s',
                dbg=("inner", pyn("oslo_concurrency/lockutils.py"), 423))
        # conductor: reschedule with no alternates left
        cpid = r.choice(PID_COND)
        tc = t_fb + 455
        self.cond.log(tc, cpid, "DEBUG", "nova.conductor.manager", uctx, "Rescheduling: True",
                      dbg=("build_instances", pyn("nova/conductor/manager.py"), 695))
        self.cond.log(tc + 6, cpid, "ERROR", "nova.scheduler.utils", uctx,
                      f"Error from last host: {HOST_CMP} (node {NODE_CMP}): {conductor_exc_list(FL, PYVER, P, I)}",
                      instance=I)
        self.cond.log(tc + 48, cpid, "WARNING", "nova.scheduler.utils", uctx,
                      "Failed to compute_task_build_instances: Exceeded maximum number of retries. Exhausted all hosts "
                      f"available for retrying build failures for instance {I}.", instance=I)
        self.cond.log(tc + 49, cpid, "WARNING", "nova.scheduler.utils", uctx, "Setting instance to ERROR state.",
                      instance=I)
        for dt in (2000, 4300, 6500):
            self.api.log(inst["t_api"] + dt + r.randint(0, 300), r.choice(PID_API), "INFO",
                         "nova.api.openstack.requestlog", FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT),
                         f'{CLIENT_IP} "GET /v2.1/servers/{I}" status: 200 len: {1788 if dt < 5000 else 2410} '
                         f'microversion: 2.95 time: 0.{r.randint(90000, 190000):06d}')

    def delete(self, inst, td):
        r = rng("delete-" + inst["id"])
        I, P, M = inst["id"], inst["port"], inst["mac"]
        TAP = tap(P)
        pyn = FL.p
        rq = req(r)
        uctx = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
        cmp = self.compute_log(td)
        ctl = td >= LOG_START
        if ctl:
            self.api.log(td, r.choice(PID_API), "INFO", "nova.api.openstack.requestlog", uctx,
                         f'{CLIENT_IP} "DELETE /v2.1/servers/{I}" status: 204 len: 0 microversion: 2.95 '
                         f'time: 0.{r.randint(150000, 300000):06d}')
        t = td + 420
        lockfn = "nova.compute.manager.ComputeManager.terminate_instance.<locals>.do_terminate_instance"
        lock_lines(cmp, t, PID_COMPUTE, uctx, I, lockfn, 2.311)
        cmp.log(t + 20, PID_COMPUTE, "INFO", "nova.compute.manager", uctx, "Terminating instance", instance=I)
        cmp.log(t + 902, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", "-", "Instance destroyed successfully.",
                instance=I)
        cmp.log(t + 930, PID_COMPUTE, "INFO", "os_vif", uctx,
                f"Successfully unplugged vif {vif_repr(P, M, NET_PRIV, TAP, active=True)}")
        self.kmsg(t + 927, f"device {TAP} left promiscuous mode")
        if td >= LOG_START:
            self.cmp_ovnc.log(t + 933, "binding", "INFO", f"Removing iface {TAP} ovn-installed in OVS")
            self.cmp_ovnc.log(t + 933, "binding", "INFO", f"Releasing lport {P} from this chassis (sb_readonly=0)")
            self.cmp_vsd.log(t + 929, "bridge", "INFO", f"bridge br-int: deleted interface {TAP} on port {inst['ofport']}")
            self.sysl(t + 890, "systemd-machined[1012]", f"Machine qemu-{inst['qemu']}-{inst['libvirt']} terminated.")
        cmp.log(t + 1140, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", uctx,
                f"Deleting instance files /var/lib/nova/instances/{I}_del", instance=I)
        cmp.log(t + 1203, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", uctx,
                f"Deletion of /var/lib/nova/instances/{I}_del complete", instance=I)
        cmp.log(t + 1205, PID_COMPUTE, "INFO", "nova.compute.manager", uctx,
                "Took 1.18 seconds to destroy the instance on the hypervisor.", instance=I)
        cmp.log(t + 1300, PID_COMPUTE, "DEBUG", "nova.compute.manager", uctx, "Deallocating network for instance",
                instance=I, dbg=("_deallocate_network", pyn("nova/compute/manager.py"), 2295))
        cmp.log(t + 1301, PID_COMPUTE, "DEBUG", "nova.network.neutron", uctx, "deallocate_for_instance()", instance=I,
                dbg=("deallocate_for_instance", pyn("nova/network/neutron.py"), 1823))
        if ctl:
            npid = r.choice(PID_NEUTRON_API)
            nctx = FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT, greq=rq)
            self.neutron.log(t + 1480, npid, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", nctx,
                             f"Running txn n=1 command(idx=0): DelLSwitchPortCommand(lport={P}, lswitch=neutron-{NET_PRIV}, "
                             "if_exists=True)", dbg=("do_commit", pyn("ovsdbapp/backend/ovs_idl/transaction.py"), 89))
            self.neutron.log(t + 1690, npid, "INFO", "neutron.wsgi", nctx,
                             f'{CMP_IP} "DELETE /v2.0/ports/{P} HTTP/1.1" status: 204  len: 0 '
                             f'time: 0.{r.randint(200000, 400000):07d}')
            ev_greq, api_req = req(r), req(r)
            apid = r.choice(PID_API)
            actx = FL.uctx(api_req, NEUTRON_USER, SERVICE_PROJECT, greq=ev_greq)
            self.api.log(t + 1790, apid, "INFO", "nova.api.openstack.compute.server_external_events", actx,
                         f"Creating event network-vif-deleted:{P} for instance {I} on {HOST_CMP}")
            self.neutron.log(t + 1812, npid, "INFO", "neutron.notifiers.nova", "-",
                             f"Nova event matching ['{api_req}'] response: {nova_event(I, 'network-vif-deleted', P, 200)}")
        cmp.log(t + 1800, PID_COMPUTE, "INFO", "nova.compute.manager", uctx,
                "Took 0.50 seconds to deallocate network for instance.", instance=I)
        cmp.log(t + 10412, PID_COMPUTE, "INFO", "nova.compute.manager", FL.pctx(req(r)), "VM Stopped (Lifecycle Event)",
                instance=I)

    # -------------------------------------------- the ovn-controller restart
    def ovn_controller_restart(self):
        r = rng("restart")
        # dpkg / systemd on cmp-1 (local time)
        old, new = "23.03.0-0ubuntu1~cloud0", "23.03.1-0ubuntu0.23.04.1~cloud0"
        dp = lambda ms, text: self.dpkg.line(ms, lambda m, t=text: f"{fmt_plain(m, TZ_H)} {t}")
        base = T(D, "14:02:04", 0)
        self.sysl(base - 83110, "systemd-logind[905]", "New session 812 of user ubuntu.")
        self.sysl(base - 83090, "systemd[1]", "Started Session 812 of User ubuntu.")
        self.apt_history = (
            "\nStart-Date: %s\nCommandline: apt-get install --only-upgrade ovn-host\nRequested-By: ubuntu (1000)\n"
            "Upgrade: ovn-host:amd64 (%s, %s), ovn-common:amd64 (%s, %s)\nEnd-Date: %s\n"
            % (fmt_plain(base - 2100, TZ_H).replace(" ", "  "), old, new, old, new,
               fmt_plain(base + 9400, TZ_H).replace(" ", "  ")))
        dp(base, "startup archives unpack")
        dp(base + 1000, f"upgrade ovn-common:amd64 {old} {new}")
        dp(base + 1000, f"status half-configured ovn-common:amd64 {old}")
        dp(base + 1000, f"status unpacked ovn-common:amd64 {old}")
        dp(base + 1000, f"status half-installed ovn-common:amd64 {old}")
        dp(base + 2000, f"status unpacked ovn-common:amd64 {new}")
        dp(base + 2000, f"upgrade ovn-host:amd64 {old} {new}")
        dp(base + 2000, f"status half-configured ovn-host:amd64 {old}")
        dp(base + 3000, f"status unpacked ovn-host:amd64 {old}")
        dp(base + 3000, f"status half-installed ovn-host:amd64 {old}")
        dp(base + 4000, f"status unpacked ovn-host:amd64 {new}")
        dp(base + 5000, "startup packages configure")
        dp(base + 5000, f"configure ovn-common:amd64 {new} <none>")
        dp(base + 5000, f"status unpacked ovn-common:amd64 {new}")
        dp(base + 5000, f"status half-configured ovn-common:amd64 {new}")
        dp(base + 5000, f"status installed ovn-common:amd64 {new}")
        dp(base + 6000, f"configure ovn-host:amd64 {new} <none>")
        dp(base + 6000, f"status unpacked ovn-host:amd64 {new}")
        dp(base + 6000, f"status half-configured ovn-host:amd64 {new}")
        dp(base + 8000, f"status installed ovn-host:amd64 {new}")
        dp(base + 8000, "trigproc man-db:amd64 2.10.2-1 <none>")
        dp(base + 8000, "status half-configured man-db:amd64 2.10.2-1")
        dp(base + 9000, "status installed man-db:amd64 2.10.2-1")
        self.dpkg.window = (T(D, "00:00:00"), COLLECT)
        self.sysl(OVNC_STOP - 190, "systemd[1]", "Stopping Open Virtual Network host control daemon...")
        self.sysl(OVNC_STOP - 12, "ovn-ctl[412233]", " * Exiting ovn-controller (2841)")
        self.sysl(OVNC_STOP + 23, "systemd[1]", "ovn-controller.service: Deactivated successfully.")
        self.sysl(OVNC_STOP + 24, "systemd[1]", "Stopped Open Virtual Network host control daemon.")
        self.sysl(OVNC_STOP + 31, "systemd[1]", "Starting Open Virtual Network host control daemon...")
        self.sysl(OVNC_RESTART + 38, "ovn-ctl[412260]", " * Starting ovn-controller")
        self.sysl(OVNC_RESTART + 61, "systemd[1]", "Started Open Virtual Network host control daemon.")
        self.sysl(base + 410000, "systemd-logind[905]", "Session 812 logged out. Waiting for processes to exit.")
        self.sysl(base + 410012, "systemd[1]", "session-812.scope: Deactivated successfully.")
        self.sysl(base + 410013, "systemd-logind[905]", "Removed session 812.")
        # old process goes away: OVS side sees the tunnel removed and the
        # db.sock client dropping; SB side sees cmp-1's session drop
        self.cmp_vsd.log(OVNC_STOP + 7, "bridge", "INFO", "bridge br-int: deleted interface ovn-50c42c-0 on port 1")
        self.cmp_vsd.log(OVNC_STOP + 9, "connmgr", "INFO", "br-int<->unix#3: 9 flow_mods in the last 0 s (9 deletes)")
        self.cmp_ovsdb.log(OVNC_STOP + 15, "jsonrpc", "WARN", "unix#27: receive error: Connection reset by peer")
        self.cmp_ovsdb.log(OVNC_STOP + 15, "reconnect", "WARN", "unix#27: connection dropped (Connection reset by peer)")
        self.sb.log(T(D, "14:02:10", 704), "jsonrpc", "WARN", f"tcp:{CMP_IP}:51874: receive error: Connection reset by peer")
        self.sb.log(T(D, "14:02:10", 704), "reconnect", "WARN",
                    f"tcp:{CMP_IP}:51874: connection dropped (Connection reset by peer)")
        self.kmsg(OVNC_STOP + 8, "device genev_sys_6081 left promiscuous mode")
        # new ovn-controller process
        o = self.cmp_ovnc
        t = OVNC_RESTART
        o.restart(t, 1)
        o.log(t, "vlog", "INFO", "opened log file /var/log/ovn/ovn-controller.log")
        o.log(t + 2, "reconnect", "INFO", "unix:/var/run/openvswitch/db.sock: connecting...")
        o.log(t + 2, "reconnect", "INFO", "unix:/var/run/openvswitch/db.sock: connected")
        o.log(t + 9, "main", "INFO", "OVN internal version is : [23.03.1-20.27.0-70.6]")
        o.log(t + 9, "main", "INFO", "OVS IDL reconnected, force recompute.")
        o.log(t + 10, "reconnect", "INFO", f"{SB_REMOTE}: connecting...")
        o.log(t + 10, "reconnect", "INFO", f"{SB_REMOTE}: connection attempt failed (Connection refused)")
        o.log(t + 10, "reconnect", "INFO", f"{SB_REMOTE}: waiting 1 seconds before reconnect")
        o.log(t + 11, "main", "INFO", "OVS feature set changed, force recompute.")
        o.log(t + 12, "rconn", "INFO", "unix:/var/run/openvswitch/br-int.mgmt: connecting...")
        o.log(t + 12, "rconn", "INFO", "unix:/var/run/openvswitch/br-int.mgmt: connected")
        self.cmp_vsd.log(t + 13, "connmgr", "INFO", "br-int<->unix#31: 0 flow_mods in the last 0 s")
        tt = t + 10
        for wait in (1, 2, 4, 8):
            tt += wait * 1000 + r.randint(0, 3)
            o.log(tt, "reconnect", "INFO", f"{SB_REMOTE}: connecting...")
            o.log(tt, "reconnect", "INFO", f"{SB_REMOTE}: connection attempt failed (Connection refused)")
            if wait < 8:
                o.log(tt, "reconnect", "INFO", f"{SB_REMOTE}: waiting {wait * 2} seconds before reconnect")
            else:
                o.log(tt, "reconnect", "INFO",
                      f"{SB_REMOTE}: continuing to reconnect in the background but suppressing further logging")
        # tapPX added later: nobody claims it (ovn-controller has no SB) -> no binding lines

    # ------------------------------------------------------------ write out
    def write(self):
        self.build()
        self.write_ctl()
        self.write_net()
        self.write_cmp()

    def host_common(self, tr, host, kernel, boot_ms, users, loads, df_rows, mem, dangling=None):
        tr.text("version.txt", "sosreport: 4.5.6")
        tr.text("sos_commands/host/hostname", host + "\n")
        tr.text("sos_commands/host/hostname_-f", host + ".example.com\n")
        tr.text("etc/hostname", host + "\n")
        tr.text("sos_commands/date/date", fmt_date_cmd(COLLECT, TZ_H, "CET") + "\n")
        tr.text("sos_commands/date/date_--utc", fmt_date_cmd(COLLECT, 0, "UTC") + "\n")
        tr.text("sos_commands/systemd/timedatectl",
                timedatectl(COLLECT + 29000, TZ_H, "CET", "Europe/Paris (CET, +0100)"))
        tr.text("sos_commands/kernel/uname_-a",
                f"Linux {host} {kernel} #141-Ubuntu SMP Fri Jan 10 21:18:28 UTC 2025 x86_64 x86_64 x86_64 GNU/Linux\n")
        tr.text("sos_commands/host/uptime", uptime_line(COLLECT + 2000, TZ_H, boot_ms, users, loads))
        tr.text("sos_commands/filesys/df_-al_-x_autofs", df_output(df_rows))
        total, used, free, shared, bc, avail, swt, swu = mem
        tr.text("sos_commands/memory/free", free_output(total, used, free, shared, bc, avail, swt, swu))
        tr.text("sos_commands/memory/free_-m", free_output(total, used, free, shared, bc, avail, swt, swu, unit=1024))
        tr.text("proc/meminfo", meminfo(total, free, avail, bc // 40, bc - bc // 40 - bc // 9, swt, swt - swu, shared,
                                        used - used // 12, bc // 9 - bc // 40, used // 12))
        for name, target in (("df", "sos_commands/filesys/df_-al_-x_autofs"), ("free", "sos_commands/memory/free"),
                             ("date", "sos_commands/systemd/timedatectl"), ("hostname", "sos_commands/host/hostname"),
                             ("uname", "sos_commands/kernel/uname_-a"), ("uptime", "sos_commands/host/uptime")):
            tr.symlink(name, target)
        if dangling:
            tr.symlink(dangling[0], dangling[1])

    @staticmethod
    def pseudo_df(extra):
        rows = [("sysfs", 0, 0, 0, "/sys"), ("proc", 0, 0, 0, "/proc"),
                ("udev", 8142588, 0, 8142588, "/dev"), ("devpts", 0, 0, 0, "/dev/pts"),
                ("tmpfs", 1635324, 2212, 1633112, "/run")]
        rows += extra
        rows += [("securityfs", 0, 0, 0, "/sys/kernel/security"), ("tmpfs", 8176600, 0, 8176600, "/dev/shm"),
                 ("tmpfs", 5120, 0, 5120, "/run/lock"), ("cgroup2", 0, 0, 0, "/sys/fs/cgroup"),
                 ("pstore", 0, 0, 0, "/sys/fs/pstore"), ("bpf", 0, 0, 0, "/sys/fs/bpf"),
                 ("systemd-1", 0, 0, 0, "/proc/sys/fs/binfmt_misc"), ("hugetlbfs", 0, 0, 0, "/dev/hugepages"),
                 ("mqueue", 0, 0, 0, "/dev/mqueue"), ("debugfs", 0, 0, 0, "/sys/kernel/debug"),
                 ("tracefs", 0, 0, 0, "/sys/kernel/tracing"), ("fusectl", 0, 0, 0, "/sys/fs/fuse/connections"),
                 ("configfs", 0, 0, 0, "/sys/kernel/config"), ("none", 0, 0, 0, "/run/credentials/systemd-sysusers.service"),
                 ("binfmt_misc", 0, 0, 0, "/proc/sys/fs/binfmt_misc"),
                 ("tmpfs", 1635320, 4, 1635316, "/run/user/1000")]
        return rows

    # ctl-1 -----------------------------------------------------------------
    def write_ctl(self):
        tr = Tree(os.path.join(self.outdir, "sosreport-ctl-1-2025-03-03-qwhtkzb"))
        root = ("/dev/mapper/ubuntu--vg-ubuntu--lv", 102626232, 38211732, 59156308, "/")
        boot = ("/dev/sda2", 1992552, 265096, 1606216, "/boot")
        efi = ("/dev/sda1", 1098632, 6220, 1092412, "/boot/efi")
        self.host_common(tr, "ctl-1", "5.15.0-131-generic", T("2025-01-27", "07:12:44"), 1, (0.74, 0.81, 0.79),
                         self.pseudo_df([root]) + [boot, efi],
                         (32823644, 14212880, 3821124, 131072, 14789640, 17988244, 4194300, 0))
        tr.text("var/log/nova/nova-api.log", self.api.render())
        tr.text("var/log/nova/nova-conductor.log", self.cond.render())
        tr.text("var/log/nova/nova-scheduler.log", self.sched.render())
        tr.text("var/log/neutron/neutron-server.log", self.neutron.render())
        tr.text("var/log/ovn/ovn-northd.log", self.northd.render())
        tr.text("var/log/ovn/ovsdb-server-sb.log", self.sb.render())
        tr.text("var/log/ovn/ovsdb-server-nb.log", self.nb.render())
        tr.text("etc/neutron/plugins/ml2/ml2_conf.ini",
                "[ml2]\ntype_drivers = geneve,flat,vlan\ntenant_network_types = geneve\nmechanism_drivers = ovn\n"
                "extension_drivers = port_security\n\n[ml2_type_geneve]\nvni_ranges = 1:65536\nmax_header_size = 38\n\n"
                "[ml2_type_flat]\nflat_networks = physnet1\n\n[ovn]\n"
                f"ovn_nb_connection = {NB_REMOTE}\novn_sb_connection = {SB_REMOTE}\n"
                "ovn_l3_scheduler = leastloaded\novn_metadata_enabled = True\n")
        tr.text("etc/nova/nova.conf",
                "[DEFAULT]\nhost = ctl-1\nmy_ip = 192.0.2.10\ndebug = True\nlog_dir = /var/log/nova\n"
                "transport_url = *********\n\n[api_database]\nconnection = *********\n\n[database]\n"
                "connection = *********\n\n[scheduler]\nmax_attempts = 3\n\n[filter_scheduler]\n"
                "enabled_filters = AvailabilityZoneFilter,ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,"
                "ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter\n")
        self.write_ovn_central(tr)

    def sb_chassis_rows(self):
        base_oc = {"ct-commit-nat-v2": "true", "ct-no-masked-label": "true", "datapath-type": "system",
                   "fdb-timestamp": "true",
                   "iface-types": "afxdp,afxdp-nonpmd,bareudp,erspan,geneve,gre,gtpu,internal,ip6erspan,ip6gre,lisp,patch,stt,system,tap,vxlan",
                   "is-interconn": "false", "ls-dpg-column": "true", "mac-binding-timestamp": "true",
                   "ovn-bridge-mappings": "", "ovn-chassis-mac-mappings": "", "ovn-cms-options": "",
                   "ovn-ct-lb-related": "true", "ovn-enable-lflow-cache": "true", "ovn-limit-lflow-cache": "",
                   "ovn-memlimit-lflow-cache-kb": "", "ovn-monitor-all": "false", "ovn-trim-limit-lflow-cache": "",
                   "ovn-trim-timeout-ms": "", "ovn-trim-wmark-perc-lflow-cache": "", "port-up-notif": "true"}
        oc_net = dict(base_oc, **{"ovn-bridge-mappings": "physnet1:br-ex", "ovn-cms-options": "enable-chassis-as-gw"})
        rows = [
            {"_uuid": SB_CH_CMP, "encaps": oset_raw([SB_EN_CMP]), "external_ids": "{}", "hostname": q("cmp-1"),
             "name": q(CMP_SYSID), "nb_cfg": "0", "other_config": omap(base_oc), "transport_zones": "[]",
             "vtep_logical_switches": "[]"},
            {"_uuid": SB_CH_NET, "encaps": oset_raw([SB_EN_NET]), "external_ids": "{}", "hostname": q("net-1"),
             "name": q(NET_SYSID), "nb_cfg": "0", "other_config": omap(oc_net), "transport_zones": "[]",
             "vtep_logical_switches": "[]"},
        ]
        return rows

    def port_binding_rows(self):
        rows = []
        key = 2
        alive = [i for i in INST if i["outcome"] == "ok" and i["deleted"] is None]
        # tunnel keys: stable order of creation
        for inst in alive + [i for i in INST if i["outcome"] != "ok"]:
            key += 1
            ok = inst["outcome"] == "ok"
            opts = {"mcast_flood_reports": "true"}
            if inst["outcome"] != "bindfail":
                opts["requested-chassis"] = HOST_CMP
            ext = {"name": "", "neutron:cidrs": inst["ip"] + "/26", "neutron:device_id": inst["id"],
                   "neutron:device_owner": "compute:nova", "neutron:host_id": HOST_CMP,
                   "neutron:mtu": "", "neutron:network_name": f"neutron-{NET_PRIV}", "neutron:port_capabilities": "",
                   "neutron:port_name": "", "neutron:project_id": ADMIN_PROJECT,
                   "neutron:revision_number": "4" if ok else "3", "neutron:security_group_ids": SG,
                   "neutron:subnet_pool_addr_scope4": "", "neutron:subnet_pool_addr_scope6": "",
                   "neutron:vnic_type": "normal"}
            rows.append((inst["port"], {
                "_uuid": uuid4(rng("pb-" + inst["port"])), "additional_chassis": "[]", "additional_encap": "[]",
                "chassis": SB_CH_CMP if ok else "[]", "datapath": SB_DP_PRIV, "encap": "[]",
                "external_ids": omap(ext), "gateway_chassis": "[]", "ha_chassis_group": "[]",
                "logical_port": q(inst["port"]), "mac": oset_str([f"{inst['mac']} {inst['ip']}"]),
                "mirror_rules": "[]", "nat_addresses": "[]", "options": omap(opts), "parent_port": "[]",
                "port_security": oset_str([f"{inst['mac']} {inst['ip']}"]), "requested_additional_chassis": "[]",
                "requested_chassis": SB_CH_CMP if inst["outcome"] != "bindfail" else "[]", "tag": "[]",
                "tunnel_key": str(key), "type": q(""), "up": "true" if ok else "false", "virtual_parent": "[]"}))
        # infrastructure ports
        infra = [
            (f"cr-lrp-{RTR_GW_PORT}", SB_DP_RTR, SB_CH_NET, "chassisredirect",
             {"always-redirect": "true", "distributed-port": f"lrp-{RTR_GW_PORT}"}, ["fa:16:3e:9a:2b:71 192.0.2.140/26"],
             "true", {}),
            (f"lrp-{RTR_GW_PORT}", SB_DP_RTR, "[]", "patch", {"peer": RTR_GW_PORT}, ["fa:16:3e:9a:2b:71 192.0.2.140/26"],
             "[]", {}),
            (f"lrp-{RTR_IF_PORT}", SB_DP_RTR, "[]", "patch", {"peer": RTR_IF_PORT}, ["fa:16:3e:17:c4:0e 198.51.100.193/26"],
             "[]", {}),
            (RTR_GW_PORT, SB_DP_PUB, "[]", "patch", {"peer": f"lrp-{RTR_GW_PORT}"}, ["router"], "[]",
             {"neutron:device_owner": "network:router_gateway", "neutron:device_id": ROUTER}),
            (RTR_IF_PORT, SB_DP_PRIV, "[]", "patch", {"peer": f"lrp-{RTR_IF_PORT}"}, ["router"], "[]",
             {"neutron:device_owner": "network:router_interface", "neutron:device_id": ROUTER}),
            (f"provnet-{SEG_PUB}", SB_DP_PUB, "[]", "localnet", {"mcast_flood": "false", "mcast_flood_reports": "true",
                                                                 "network_name": "physnet1"}, ["unknown"], "[]", {}),
            (META_PORT, SB_DP_PRIV, "[]", "localport", {"requested-chassis": ""}, ["fa:16:3e:62:d0:5a 198.51.100.194"],
             "[]", {"neutron:device_owner": "network:distributed", "neutron:device_id": f"ovnmeta-{NET_PRIV}"}),
        ]
        for k, (lp, dp, ch, typ, opts, macs, up, ext) in enumerate(infra):
            rows.append((lp, {
                "_uuid": uuid4(rng("pb-" + lp)), "additional_chassis": "[]", "additional_encap": "[]", "chassis": ch,
                "datapath": dp, "encap": "[]", "external_ids": omap(ext), "gateway_chassis": "[]",
                "ha_chassis_group": "[]", "logical_port": q(lp), "mac": oset_str(macs), "mirror_rules": "[]",
                "nat_addresses": oset_str([f"fa:16:3e:9a:2b:71 192.0.2.140 is_chassis_resident(\"cr-lrp-{RTR_GW_PORT}\")"])
                if lp == RTR_GW_PORT else "[]",
                "options": omap(opts), "parent_port": "[]", "port_security": "[]",
                "requested_additional_chassis": "[]", "requested_chassis": "[]", "tag": "[]",
                "tunnel_key": str(k + 1 if dp != SB_DP_PRIV else 100 + k), "type": q(typ), "up": up,
                "virtual_parent": "[]"}))
        return rows

    def write_ovn_central(self, tr):
        d = "sos_commands/ovn_central/"
        tr.text(d + "ovn-sbctl_--no-leader-only_list_Chassis", olist(self.sb_chassis_rows()))
        ts_cmp = T(D, "14:01:52", 598)
        ts_net = T(D, "14:39:52", 611)
        cp = [
            {"_uuid": SB_CP_CMP, "chassis": SB_CH_CMP,
             "external_ids": omap({"neutron:ovn-metadata-id": META_AGENT_ID,
                                   "neutron:ovn-metadata-sb-cfg": str(NB_CFG_FINAL)}),
             "name": q(CMP_SYSID), "nb_cfg": str(CMP_NB_CFG), "nb_cfg_timestamp": str(ts_cmp)},
            {"_uuid": SB_CP_NET, "chassis": SB_CH_NET, "external_ids": "{}", "name": q(NET_SYSID),
             "nb_cfg": str(NB_CFG_FINAL), "nb_cfg_timestamp": str(ts_net)},
        ]
        tr.text(d + "ovn-sbctl_--no-leader-only_list_Chassis_Private", olist(cp))
        enc = [
            {"_uuid": SB_EN_CMP, "chassis_name": q(CMP_SYSID), "ip": q(CMP_ENCAP), "options": omap({"csum": "true"}),
             "type": "geneve"},
            {"_uuid": SB_EN_NET, "chassis_name": q(NET_SYSID), "ip": q(NET_ENCAP), "options": omap({"csum": "true"}),
             "type": "geneve"},
        ]
        tr.text(d + "ovn-sbctl_--no-leader-only_list_Encap", olist(enc))
        pbs = self.port_binding_rows()
        tr.text(d + "ovn-sbctl_--no-leader-only_list_Port_Binding", olist([row for _, row in pbs]))
        # ovn-sbctl show
        on_cmp = [lp for lp, row in pbs if row["chassis"] == SB_CH_CMP]
        on_net = [lp for lp, row in pbs if row["chassis"] == SB_CH_NET]
        show = []
        for name, host, ip, lps in ((CMP_SYSID, "cmp-1", CMP_ENCAP, on_cmp), (NET_SYSID, "net-1", NET_ENCAP, on_net)):
            show.append(f"Chassis {q(name)}")
            show.append(f"    hostname: {q(host)}")
            show.append("    Encap geneve")
            show.append(f"        ip: {q(ip)}")
            show.append('        options: {csum="true"}')
            for lp in lps:
                show.append(f"    Port_Binding {q(lp)}")
        tr.text(d + "ovn-sbctl_--no-leader-only_show", "\n".join(show) + "\n")
        # NB
        lsp_rows = []
        nb_show_priv = []
        for inst in [i for i in INST if i["deleted"] is None]:
            ok = inst["outcome"] == "ok"
            opts = {"mcast_flood_reports": "true"}
            if inst["outcome"] != "bindfail":
                opts["requested-chassis"] = HOST_CMP
            ext = {"neutron:cidrs": inst["ip"] + "/26", "neutron:device_id": inst["id"],
                   "neutron:device_owner": "compute:nova", "neutron:host_id": HOST_CMP, "neutron:mtu": "",
                   "neutron:network_name": f"neutron-{NET_PRIV}", "neutron:port_capabilities": "",
                   "neutron:port_name": "", "neutron:project_id": ADMIN_PROJECT,
                   "neutron:revision_number": "4" if ok else "3", "neutron:security_group_ids": SG,
                   "neutron:subnet_pool_addr_scope4": "", "neutron:subnet_pool_addr_scope6": "",
                   "neutron:vnic_type": "normal"}
            addr = f"{inst['mac']} {inst['ip']}"
            lsp_rows.append({"_uuid": uuid4(rng("lsp-" + inst["port"])), "addresses": oset_str([addr]),
                             "dhcpv4_options": uuid4(rng("dhcp-" + SUBNET_PRIV)), "dhcpv6_options": "[]",
                             "dynamic_addresses": "[]", "enabled": "true", "external_ids": omap(ext),
                             "ha_chassis_group": "[]", "mirror_rules": "[]", "name": q(inst["port"]),
                             "options": omap(opts), "parent_name": "[]", "port_security": oset_str([addr]),
                             "tag": "[]", "tag_request": "[]", "type": q(""), "up": "true" if ok else "false"})
            nb_show_priv.append([f"    port {inst['port']}", f"        addresses: {oset_str([addr])}"])
        infra_lsp = [
            (RTR_IF_PORT, "router", ["router"], {"router-port": f"lrp-{RTR_IF_PORT}"}, "true",
             {"neutron:device_owner": "network:router_interface", "neutron:device_id": ROUTER}),
            (META_PORT, "localport", ["fa:16:3e:62:d0:5a 198.51.100.194"], {"requested-chassis": ""}, "false",
             {"neutron:device_owner": "network:distributed", "neutron:device_id": f"ovnmeta-{NET_PRIV}"}),
            (RTR_GW_PORT, "router", ["router"], {"router-port": f"lrp-{RTR_GW_PORT}", "nat-addresses": "router"}, "true",
             {"neutron:device_owner": "network:router_gateway", "neutron:device_id": ROUTER}),
            (f"provnet-{SEG_PUB}", "localnet", ["unknown"], {"mcast_flood": "false", "mcast_flood_reports": "true",
                                                              "network_name": "physnet1"}, "false", {}),
        ]
        for name, typ, addrs, opts, up, ext in infra_lsp:
            lsp_rows.append({"_uuid": uuid4(rng("lsp-" + name)), "addresses": oset_str(addrs), "dhcpv4_options": "[]",
                             "dhcpv6_options": "[]", "dynamic_addresses": "[]", "enabled": "true",
                             "external_ids": omap(ext), "ha_chassis_group": "[]", "mirror_rules": "[]",
                             "name": q(name), "options": omap(opts), "parent_name": "[]", "port_security": "[]",
                             "tag": "[]", "tag_request": "[]", "type": q(typ), "up": up})
        tr.text(d + "ovn-nbctl_--no-leader-only_list_Logical_Switch_Port", olist(lsp_rows))
        nbg = [{"_uuid": "c0a80a1e-4d2b-4f6a-9e3c-5b7d9f1a3c5e", "connections": "[]", "external_ids": "{}",
                "hv_cfg": str(CMP_NB_CFG), "hv_cfg_timestamp": str(ts_cmp), "ipsec": "false", "name": q(""),
                "nb_cfg": str(NB_CFG_FINAL), "nb_cfg_timestamp": str(T(D, "14:39:52", 309)),
                "options": omap({"mac_prefix": "5a:1b:2c", "max_tunid": "16711680",
                                 "northd_internal_version": "23.03.1-20.27.0-70.6",
                                 "svc_monitor_mac": "fa:16:3e:3b:8c:e2"}),
                "sb_cfg": str(NB_CFG_FINAL), "sb_cfg_timestamp": str(T(D, "14:39:52", 318)), "ssl": "[]"}]
        tr.text(d + "ovn-nbctl_--no-leader-only_list_NB_Global", olist(nbg))
        nbs = [f"switch {NB_LS_PRIV} (neutron-{NET_PRIV}) (aka private)"]
        for blk in nb_show_priv:
            nbs += blk
        nbs += [f"    port {RTR_IF_PORT}", "        type: router", '        router-port: lrp-' + RTR_IF_PORT,
                f"    port {META_PORT}", "        type: localport", '        addresses: ["fa:16:3e:62:d0:5a 198.51.100.194"]',
                f"switch {NB_LS_PUB} (neutron-{NET_PUB}) (aka public)",
                f"    port provnet-{SEG_PUB}", "        type: localnet", '        addresses: ["unknown"]',
                f"    port {RTR_GW_PORT}", "        type: router", "        router-port: lrp-" + RTR_GW_PORT,
                f"router {NB_LR} (neutron-{ROUTER}) (aka router1)",
                f"    port lrp-{RTR_IF_PORT}", '        mac: "fa:16:3e:17:c4:0e"', '        networks: ["198.51.100.193/26"]',
                f"    port lrp-{RTR_GW_PORT}", '        mac: "fa:16:3e:9a:2b:71"', '        networks: ["192.0.2.140/26"]',
                f"        gateway chassis: [{NET_SYSID}]",
                "    nat 1f5e8a3c-6b2d-4c9e-8a7f-3d5b1c9e7a2f", '        external ip: "192.0.2.140"',
                f'        logical ip: "{PRIV_CIDR}"', '        type: "snat"']
        tr.text(d + "ovn-nbctl_--no-leader-only_show", "\n".join(nbs) + "\n")

    # net-1 -----------------------------------------------------------------
    def write_net(self):
        tr = Tree(os.path.join(self.outdir, "sosreport-net-1-2025-03-03-pmvaxfe"))
        root = ("/dev/mapper/ubuntu--vg-ubuntu--lv", 61611820, 14902212, 43547432, "/")
        boot = ("/dev/sda2", 1992552, 265092, 1606220, "/boot")
        efi = ("/dev/sda1", 1098632, 6220, 1092412, "/boot/efi")
        self.host_common(tr, "net-1", "5.15.0-131-generic", T("2025-01-27", "07:31:02"), 0, (0.12, 0.09, 0.08),
                         self.pseudo_df([root]) + [boot, efi],
                         (8148156, 1402112, 4212552, 4100, 2533492, 6391108, 2097148, 0))
        tr.text("var/log/ovn/ovn-controller.log", self.net_ovnc.render())
        tr.text("var/log/openvswitch/ovs-vswitchd.log", self.net_vsd.render())
        tr.text("var/log/openvswitch/ovsdb-server.log", self.net_ovsdb.render())
        prov = f"provnet-{SEG_PUB}"
        show = [
            NET_OVS_UUID,
            '    Manager "ptcp:6640:127.0.0.1"',
            "        is_connected: true",
            "    Bridge br-ex",
            "        fail_mode: standalone",
            "        datapath_type: system",
            f"        Port patch-{prov}-to-br-int",
            f"            Interface patch-{prov}-to-br-int",
            "                type: patch",
            f"                options: {{peer=patch-br-int-to-{prov}}}",
            "        Port br-ex",
            "            Interface br-ex",
            "                type: internal",
            "        Port ens4",
            "            Interface ens4",
            "    Bridge br-int",
            "        fail_mode: secure",
            "        datapath_type: system",
            f"        Port patch-br-int-to-{prov}",
            f"            Interface patch-br-int-to-{prov}",
            "                type: patch",
            f"                options: {{peer=patch-{prov}-to-br-int}}",
            "        Port ovn-ba96d7-0",
            "            Interface ovn-ba96d7-0",
            "                type: geneve",
            f'                options: {{csum="true", key=flow, remote_ip="{CMP_ENCAP}"}}',
            "        Port br-int",
            "            Interface br-int",
            "                type: internal",
            '    ovs_version: "3.1.0"',
        ]
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_show", "\n".join(show) + "\n")
        ext = {"hostname": "net-1", "ovn-bridge-mappings": "physnet1:br-ex", "ovn-cms-options": "enable-chassis-as-gw",
               "ovn-encap-ip": NET_ENCAP, "ovn-encap-type": "geneve", "ovn-remote": SB_REMOTE,
               "rundir": "/var/run/openvswitch", "system-id": NET_SYSID}
        ovsrow = self.open_vswitch_row(NET_OVS_UUID, ext, 2, 61)
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch", olist([ovsrow]))
        tr.text("sos_commands/ovn_host/ovs-vsctl_list_Open_vSwitch", olist([ovsrow]))
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_list-br", "br-ex\nbr-int\n")
        tr.text("sos_commands/ovn_host/ovs-vsctl_list-br", "br-ex\nbr-int\n")

    @staticmethod
    def open_vswitch_row(uid, ext, nbr, cfg):
        r = rng("ovsrow-" + uid)
        return {"_uuid": uid, "bridges": oset_raw(sorted(uuid4(r) for _ in range(nbr))), "cur_cfg": str(cfg),
                "datapath_types": "[netdev, system]", "datapaths": "{}", "db_version": q("8.3.1"),
                "dpdk_initialized": "false", "dpdk_version": q("DPDK 22.11.1"), "external_ids": omap(ext),
                "iface_types": "[afxdp, afxdp-nonpmd, bareudp, erspan, geneve, gre, gtpu, internal, ip6erspan, ip6gre, "
                               "lisp, patch, stt, system, tap, vxlan]",
                "manager_options": oset_raw([uuid4(r)]), "next_cfg": str(cfg), "other_config": "{}",
                "ovs_version": q("3.1.0"), "ssl": "[]", "statistics": "{}", "system_type": "ubuntu",
                "system_version": q("22.04")}

    # cmp-1 -----------------------------------------------------------------
    def write_cmp(self):
        tr = Tree(os.path.join(self.outdir, "sosreport-cmp-1-2025-03-03-ydkrmlu"))
        size = 205314024
        used = 73900000
        root = ("/dev/sda3", size, used, size - used - size // 20, "/")
        efi = ("/dev/sda1", 1098632, 6220, 1092412, "/boot/efi")
        boot = ("/dev/sda2", 1992552, 265180, 1606132, "/boot")
        self.host_common(tr, "cmp-1", "5.15.0-131-generic", self.boot_ms, 1, (1.08, 0.97, 0.91),
                         self.pseudo_df([root]) + [boot, efi],
                         (16353204, 12734118, 412088, 21060, 3206998, 2831155, 4194300, 118272),
                         dangling=("lsmod", "sos_commands/kernel/lsmod"))
        tr.text("var/log/nova/nova-compute.log", self.cmp.render())
        tr.gz("var/log/nova/nova-compute.log.1.gz", self.cmp_prev.render())
        tr.text("var/log/ovn/ovn-controller.log", self.cmp_ovnc.render())
        tr.text("var/log/openvswitch/ovs-vswitchd.log", self.cmp_vsd.render())
        tr.text("var/log/openvswitch/ovsdb-server.log", self.cmp_ovsdb.render())
        tr.text("var/log/neutron/neutron-ovn-metadata-agent.log", self.meta.render())
        tr.text("var/log/syslog", self.syslog.render())
        tr.text("var/log/kern.log", self.kern.render())
        tr.text("var/log/dpkg.log", self.dpkg.render())
        tr.text("var/log/apt/history.log", self.apt_history)
        tr.text("sos_commands/kernel/dmesg", self.dmesg.render())
        tr.text("etc/nova/nova.conf",
                "[DEFAULT]\nhost = cmp-1\nmy_ip = 192.0.2.31\ndebug = True\nlog_dir = /var/log/nova\n"
                "transport_url = *********\ncompute_driver = libvirt.LibvirtDriver\nvif_plugging_is_fatal = True\n"
                "vif_plugging_timeout = 300\n\n[libvirt]\nvirt_type = kvm\n\n[neutron]\nauth_type = password\n"
                "auth_url = http://192.0.2.10:5000/v3\nregion_name = RegionOne\npassword = *********\n\n"
                "[placement]\nauth_type = password\nauth_url = http://192.0.2.10:5000/v3\npassword = *********\n")
        tr.text("etc/neutron/neutron_ovn_metadata_agent.ini",
                "[DEFAULT]\nnova_metadata_host = 192.0.2.10\nmetadata_proxy_shared_secret = *********\n\n[ovs]\n"
                "ovsdb_connection = tcp:127.0.0.1:6640\n\n[ovn]\n"
                f"ovn_sb_connection = {SB_REMOTE}\n")
        # ovs-vsctl show: br-int with br-int and the tap ports only
        ports = [i for i in INST if i["deleted"] is None and i["outcome"] != "bindfail"]
        r = rng("cmp-show-order")
        keyed = sorted([(uuid4(r), tap(i["port"])) for i in ports] + [(uuid4(r), "br-int")])
        show = [CMP_OVS_UUID, '    Manager "ptcp:6640:127.0.0.1"', "        is_connected: true",
                "    Bridge br-int", "        fail_mode: secure", "        datapath_type: system"]
        for _, name in keyed:
            show.append(f"        Port {name}")
            show.append(f"            Interface {name}")
            if name == "br-int":
                show.append("                type: internal")
        show.append('    ovs_version: "3.1.0"')
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_show", "\n".join(show) + "\n")
        ext = {"hostname": "cmp-1", "ovn-encap-ip": CMP_ENCAP, "ovn-encap-type": "geneve", "ovn-remote": SB_REMOTE,
               "rundir": "/var/run/openvswitch", "system-id": CMP_SYSID}
        ovsrow = self.open_vswitch_row(CMP_OVS_UUID, ext, 1, 173)
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch", olist([ovsrow]))
        tr.text("sos_commands/ovn_host/ovs-vsctl_list_Open_vSwitch", olist([ovsrow]))
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_list-br", "br-int\n")
        tr.text("sos_commands/ovn_host/ovs-vsctl_list-br", "br-int\n")
        # Interface table: the taps carry iface-id = neutron port
        rows = []
        for inst in ports:
            rr = rng("iface-" + inst["port"])
            rows.append(self.iface_row(rr, tap(inst["port"]), inst["ofport"], "", {
                "attached-mac": inst["mac"], "iface-id": inst["port"], "iface-status": "active",
                "vm-uuid": inst["id"]}, inst["mac"]))
        rows.append(self.iface_row(rng("iface-br-int"), "br-int", 65534, "internal", {}, "5e:21:9b:3c:0f:48"))
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_list_interface", olist(rows))

    @staticmethod
    def iface_row(r, name, ofport, typ, ext, mac_):
        tapmac = "fe" + mac_[2:] if name.startswith("tap") else mac_
        rx = r.randint(10 ** 5, 10 ** 8)
        tx = r.randint(10 ** 5, 10 ** 8)
        return {"_uuid": uuid4(r), "admin_state": "up", "bfd": "{}", "bfd_status": "{}", "cfm_fault": "[]",
                "cfm_fault_status": "[]", "cfm_flap_count": "[]", "cfm_health": "[]", "cfm_mpid": "[]",
                "cfm_remote_mpids": "[]", "cfm_remote_opstate": "[]", "duplex": "full" if typ == "" else "[]",
                "error": "[]", "external_ids": omap(ext), "ifindex": str(r.randint(20, 90)),
                "ingress_policing_burst": "0", "ingress_policing_kpkts_burst": "0", "ingress_policing_kpkts_rate": "0",
                "ingress_policing_rate": "0", "lacp_current": "[]", "link_resets": "1", "link_speed": "10000000",
                "link_state": "up", "lldp": "{}", "mac": "[]", "mac_in_use": q(tapmac), "mtu": "1442" if typ == "" else "1500",
                "mtu_request": "[]", "name": q(name), "ofport": str(ofport), "ofport_request": "[]", "options": "{}",
                "other_config": "{}",
                "statistics": omap({"collisions": "0", "rx_bytes": str(rx), "rx_crc_err": "0", "rx_dropped": "0",
                                    "rx_errors": "0", "rx_frame_err": "0", "rx_missed_errors": "0", "rx_over_err": "0",
                                    "rx_packets": str(rx // 700), "tx_bytes": str(tx), "tx_dropped": "0",
                                    "tx_errors": "0", "tx_packets": str(tx // 700)}).replace('"', ""),
                "status": omap({"driver_name": "tun", "driver_version": "1.6", "firmware_version": ""})
                if typ == "" else omap({"driver_name": "openvswitch"}),
                "type": q(typ)}
