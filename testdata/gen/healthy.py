"""healthy-cloud: two RHEL 9 / OSP 17.1 (Wallaby, TripleO containers) sos
reports, controller-0 and compute-0, UTC. Every boot succeeds; the noise has
benign WARNINGs and one handled MessagingTimeout traceback that recovers.
No root cause must be found."""

import os

from common import (OsloLog, VlogLog, TextLog, Tree, T, rng, uuid4, hex32, req, mac,
                    fmt_syslog, fmt_date_cmd, epoch_s, q, omap, oset_str, oset_raw, olist,
                    timedatectl, uptime_line, df_output, free_output, meminfo)
from openstack import Flavor, tb_messaging_timeout, vif_repr, bound_port_msg, nova_event, tap

PYN = "/usr/lib/python3.9/site-packages"
FL = Flavor(PYN, False, 0)
D = "2025-02-18"                       # a Tuesday
LOG_START = T(D, "08:00:01", 212)
COLLECT = T(D, "16:05:33")

CTL = "controller-0"
CMP = "compute-0"
CTL_FQDN = "controller-0.localdomain"
CMP_FQDN = "compute-0.localdomain"     # nova [DEFAULT]host == OVN Chassis.hostname
CTL_IP = "192.0.2.50"
CMP_IP = "192.0.2.61"
CTL_ENCAP = "198.51.100.50"
CMP_ENCAP = "198.51.100.61"
SB_REMOTE = "tcp:192.0.2.50:6642"
CLIENT_IP = "192.0.2.5"
CONTAINER = "ovn_cluster_north_db_server"

R = rng("healthy-ids")
CTL_SYSID = uuid4(R)
CMP_SYSID = uuid4(R)
NET = uuid4(R)
SEG = uuid4(R)
SUBNET = uuid4(R)
VNI = 37719
ADMIN_USER = hex32(R)
ADMIN_PROJECT = hex32(R)
NEUTRON_USER = hex32(R)
SERVICE_PROJECT = hex32(R)
NOVA_USER = hex32(R)
CELL1 = uuid4(R)
IMAGE = uuid4(R)
FLAVOR_ID = uuid4(R)
SG = uuid4(R)
DP = uuid4(R)
CH_CTL, CH_CMP, CP_CTL, CP_CMP, EN_CTL, EN_CMP = (uuid4(R) for _ in range(6))
CTL_OVS, CMP_OVS = uuid4(R), uuid4(R)
META_PORT = uuid4(R)
NB_CFG = 2207

PID_API = [21, 22, 23, 24]
PID_COND = [19, 20]
PID_SCHED = [18, 19]
PID_NEUTRON = [29, 30, 31, 32]
PID_COMPUTE = 7
PID_META = 5

SPEC = [("build-agent-01", T(D, "09:12:41", 318), None),
        ("build-agent-02", T(D, "10:47:05", 902), T(D, "14:31:18", 77)),
        ("mq-01", T(D, "12:03:55", 140), None),
        ("mq-02", T(D, "13:26:30", 661), None),
        ("web-11", T(D, "15:02:19", 489), None)]
INST = []
for k, (name, t, dl) in enumerate(SPEC):
    INST.append(dict(name=name, id=uuid4(R), port=uuid4(R), mac=mac(R), ip="198.51.100.%d" % (70 + k), t_api=t,
                     deleted=dl, req=req(R), ofport=4 + k, libvirt="instance-%08x" % (0x61 + k), qemu=12 + k))
PRE = [dict(name="bastion-01", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="198.51.100.66"),
       dict(name="monitor-01", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="198.51.100.67")]
for k, p in enumerate(PRE):
    p.update(ofport=2 + k, deleted=None)


def lock3(log, ms, pid, ctx, name, func, held):
    path = FL.p("oslo_concurrency/lockutils.py")
    log.log(ms, pid, "DEBUG", "oslo_concurrency.lockutils", ctx, f'Acquiring lock "{name}" by "{func}"',
            dbg=("inner", path, 355))
    log.log(ms, pid, "DEBUG", "oslo_concurrency.lockutils", ctx,
            f'Lock "{name}" acquired by "{func}" :: waited 0.000s', dbg=("inner", path, 359))
    log.log(ms + int(held * 1000), pid, "DEBUG", "oslo_concurrency.lockutils", ctx,
            f'Lock "{name}" "released" by "{func}" :: held {held:.3f}s', dbg=("inner", path, 371))


class Healthy:
    def __init__(self, outdir):
        self.outdir = outdir
        self.api, self.cond, self.sched, self.neutron = OsloLog(0), OsloLog(0), OsloLog(0), OsloLog(0)
        self.cmp, self.meta = OsloLog(0), OsloLog(0)
        self.northd, self.sb, self.nb = VlogLog(4410), VlogLog(9127), VlogLog(6633)
        self.ctl_ovnc, self.ctl_vsd, self.ctl_ovsdb = VlogLog(30127), VlogLog(11804), VlogLog(702)
        self.cmp_ovnc, self.cmp_vsd, self.cmp_ovsdb = VlogLog(25518), VlogLog(9962), VlogLog(688)
        self.messages = TextLog()
        for lg in (self.api, self.cond, self.sched, self.neutron, self.cmp, self.meta, self.northd, self.sb, self.nb,
                   self.ctl_ovnc, self.ctl_vsd, self.ctl_ovsdb, self.cmp_ovnc, self.cmp_vsd, self.cmp_ovsdb,
                   self.messages):
            lg.window = (LOG_START, COLLECT)

    def n_alive(self, ms):
        return len(PRE) + sum(1 for i in INST if i["t_api"] <= ms and (i["deleted"] is None or i["deleted"] > ms))

    # ------------------------------------------------------------------ noise
    def noise(self):
        r = rng("healthy-noise")
        pt = FL.p("oslo_service/periodic_task.py")
        rt = FL.p("nova/compute/resource_tracker.py")
        mgr = FL.p("nova/compute/manager.py")
        t = LOG_START + 31000
        i = 0
        while t < COLLECT:
            ctx = FL.pctx(req(r))
            n = self.n_alive(t)
            self.cmp.log(t, PID_COMPUTE, "DEBUG", "oslo_service.periodic_task", ctx,
                         "Running periodic task ComputeManager.update_available_resource",
                         dbg=("run_periodic_tasks", pt, 211))
            self.cmp.log(t + 12, PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                         f"Auditing locally available compute resources for {CMP_FQDN} (node: {CMP_FQDN})",
                         dbg=("update_available_resource", rt, 883))
            if i % 3 == 0:
                lock3(self.cmp, t + 310, PID_COMPUTE, ctx, "compute_resources",
                      "nova.compute.resource_tracker.ResourceTracker._update_available_resource", 0.074)
            self.cmp.log(t + 371, PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                         f"Final resource view: name={CMP_FQDN} phys_ram=64142MB used_ram={4096 + 4096 * n}MB "
                         f"phys_disk=446GB used_disk={40 * n}GB total_vcpus=32 used_vcpus={4 * n} pci_stats=[]",
                         dbg=("_report_final_resource_view", rt, 1061))
            if i % 2 == 0:
                self.cmp.log(t + 900, PID_COMPUTE, "DEBUG", "oslo_service.periodic_task", ctx,
                             "Running periodic task ComputeManager._heal_instance_info_cache",
                             dbg=("run_periodic_tasks", pt, 211))
                self.cmp.log(t + 901, PID_COMPUTE, "DEBUG", "nova.compute.manager", ctx,
                             "Starting heal instance info cache", dbg=("_heal_instance_info_cache", mgr, 9305))
            if i % 5 == 0:
                for name in ("_poll_rebooting_instances", "_poll_rescued_instances", "_reclaim_queued_deletes"):
                    self.cmp.log(t + 1500, PID_COMPUTE, "DEBUG", "oslo_service.periodic_task", ctx,
                                 f"Running periodic task ComputeManager.{name}", dbg=("run_periodic_tasks", pt, 211))
                self.cmp.log(t + 1501, PID_COMPUTE, "DEBUG", "nova.compute.manager", ctx,
                             "CONF.reclaim_instance_interval <= 0, skipping...",
                             dbg=("_reclaim_queued_deletes", mgr, 9890))
            t += 60000 + r.randint(-100, 100)
            i += 1
        for k in range(3):
            self.cmp.log(LOG_START + 9000000 + k * 17000000 + r.randint(0, 90000), PID_COMPUTE, "WARNING",
                         "oslo.service.loopingcall", "-",
                         "Function 'nova.servicegroup.drivers.db.DbDriver._report_state' run outlasted interval by "
                         f"{r.randint(30, 300) / 100.0:.2f} sec")
        # scheduler / api / conductor
        t = LOG_START + 52000
        while t < COLLECT:
            self.sched.log(t, r.choice(PID_SCHED), "INFO", "nova.scheduler.host_manager", FL.pctx(req(r)),
                           f"Successfully synced instances from host '{CMP_FQDN}'.")
            t += 120000 + r.randint(-200, 200)
        t = LOG_START + 17000
        while t < COLLECT:
            ctx = FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT)
            self.api.log(t, r.choice(PID_API), "INFO", "nova.api.openstack.requestlog", ctx,
                         f'{CLIENT_IP} "GET /v2.1/servers/detail?all_tenants=True" status: 200 len: '
                         f'{1900 + 1850 * self.n_alive(t)} microversion: 2.1 time: 0.{r.randint(120000, 300000):06d}')
            t += 180000 + r.randint(-300, 300)
        t = LOG_START + 400000
        cellfn = "nova.context.set_target_cell.<locals>.get_or_set_cached_cell_and_set_connections"
        while t < COLLECT:
            lock3(self.cond, t, r.choice(PID_COND), FL.pctx(req(r)), CELL1, cellfn, 0.0)
            t += 900000 + r.randint(-3000, 3000)
        # neutron: agent listing (no liveness problem: every chassis keeps up)
        tr = FL.p("ovsdbapp/backend/ovs_idl/transaction.py")
        t = LOG_START + 51000
        while t < COLLECT:
            ctx = FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT)
            pid = r.choice(PID_NEUTRON)
            self.neutron.log(t, pid, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", ctx,
                             "Running txn n=1 command(idx=0): CheckLivenessCommand()", dbg=("do_commit", tr, 90))
            self.neutron.log(t + 41, pid, "INFO", "neutron.wsgi", ctx,
                             f'{CLIENT_IP} "GET /v2.0/agents HTTP/1.1" status: 200  len: 2211 '
                             f'time: 0.{r.randint(400000, 900000):07d}')
            t += 120000
        mt = FL.p("neutron/plugins/ml2/drivers/ovn/mech_driver/ovsdb/maintenance.py")
        t = LOG_START + 140000
        while t < COLLECT:
            self.neutron.log(t, PID_NEUTRON[0], "DEBUG", "neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.maintenance",
                             "-", "Maintenance task: Synchronizing Neutron and OVN databases",
                             dbg=("check_for_inconsistencies", mt, 338))
            self.neutron.log(t + 7, PID_NEUTRON[0], "DEBUG",
                             "neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.maintenance", "-",
                             "Maintenance task: No inconsistencies found. Skipping",
                             dbg=("check_for_inconsistencies", mt, 362))
            t += 300000
        for hms in ("08:18:51", "11:40:07"):
            ms = T(D, hms, r.randint(0, 999))
            pid = r.choice(PID_NEUTRON)
            self.neutron.log(ms, pid, "WARNING", "keystonemiddleware.auth_token", "-",
                             'Identity response: {"error":{"code":401,"message":"The request you have made requires '
                             'authentication.","title":"Unauthorized"}}')
            self.neutron.log(ms + 1, pid, "WARNING", "keystonemiddleware.auth_token", "-", "Authorization failed for token")
        # metadata agent
        t = LOG_START + 60000
        while t < COLLECT:
            self.meta.log(t, PID_META, "DEBUG", "ovsdbapp.backend.ovs_idl.transaction", "-",
                          f"Running txn n=1 command(idx=0): DbSetCommand(table=Chassis_Private, record={CMP_SYSID}, "
                          f"col_values=(('external_ids', {{'neutron:ovn-metadata-sb-cfg': "
                          f"'{NB_CFG - (COLLECT - t) // 120000}'}}),), if_exists=True)", dbg=("do_commit", tr, 90))
            t += 120000
        # OVS/OVN daemons
        for lg, p in ((self.northd, "ovn-northd"), (self.sb, "ovsdb-server-sb"), (self.nb, "ovsdb-server-nb"),
                      (self.ctl_ovnc, "ovn-controller"), (self.cmp_ovnc, "ovn-controller")):
            lg.log(LOG_START + 120, "vlog", "INFO", f"opened log file /var/log/ovn/{p}.log")
        for lg, p in ((self.ctl_vsd, "ovs-vswitchd"), (self.ctl_ovsdb, "ovsdb-server"), (self.cmp_vsd, "ovs-vswitchd"),
                      (self.cmp_ovsdb, "ovsdb-server")):
            lg.log(LOG_START + 133, "vlog", "INFO", f"opened log file /var/log/openvswitch/{p}.log")
        t = LOG_START + 51000
        while t < COLLECT:
            for lg in (self.ctl_ovnc, self.cmp_ovnc):
                lg.log(t + 30000 + r.randint(0, 40), "memory_trim", "INFO",
                       f"Detected inactivity (last active {30000 + r.randint(0, 40)} ms ago): trimming memory")
            t += 120000
        for lg in (self.sb, self.nb):
            t = LOG_START + 3600000
            while t < COLLECT:
                lg.log(t + r.randint(0, 60000), "memory", "INFO",
                       f"atoms:{r.randint(30000, 40000)} cells:{r.randint(40000, 50000)} json-caches:2({r.randint(300, 800)}kB) "
                       f"monitors:{r.randint(3, 5)} n-weak-refs:{r.randint(100, 200)} sessions:{r.randint(4, 6)}")
                t += 3 * 3600000
        t = LOG_START + 81000
        while t < COLLECT:
            self.northd.log(t + 30000 + r.randint(0, 40), "memory_trim", "INFO",
                            f"Detected inactivity (last active {30000 + r.randint(0, 40)} ms ago): trimming memory")
            t += 600000 + r.randint(-20000, 20000)
        self.sb.log(T(D, "09:44:12", 503), "timeval", "WARN",
                    "Unreasonably long 1048ms poll interval (1019ms user, 27ms system)")
        # RHEL messages
        t = T(D, "08:01:01", 0)
        while t < COLLECT:
            self.messages.line(t, lambda m: f"{fmt_syslog(m, 0)} {CMP} CROND[{(m // 1000) % 90000 + 10000}]: "
                                            "(root) CMD (run-parts /etc/cron.hourly)")
            t += 3600000
        # the handled traceback: compute-0 periodic task RPC timeout, recovered
        t = T(D, "10:12:03", 644)
        mid, mid2 = hex32(r), hex32(r)
        self.cmp.exc(t, PID_COMPUTE, "oslo_service.periodic_task", FL.pctx(req(r)),
                     "Error during ComputeManager.update_available_resource: oslo_messaging.exceptions.MessagingTimeout: "
                     f"Timed out waiting for a reply to message ID {mid}", tb_messaging_timeout(FL, mid, "python3.9"))
        self.cmp.log(t + 3120, PID_COMPUTE, "WARNING", "nova.servicegroup.drivers.db", "-",
                     "Lost connection to nova-conductor for reporting service status.: "
                     f"oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID {mid2}")
        self.cmp.log(t + 13201, PID_COMPUTE, "INFO", "nova.servicegroup.drivers.db", "-",
                     "Recovered from being unable to report status.")

    # ------------------------------------------------------------------ boots
    def boot(self, inst):
        r = rng("hboot-" + inst["id"])
        I, P, M, IP = inst["id"], inst["port"], inst["mac"], inst["ip"]
        TAP = tap(P)
        t0 = inst["t_api"]
        rq = inst["req"]
        u = FL.uctx(rq, ADMIN_USER, ADMIN_PROJECT)
        p = FL.p
        apid = r.choice(PID_API)
        self.api.log(t0 + 650, apid, "INFO", "nova.api.openstack.requestlog", u,
                     f'{CLIENT_IP} "POST /v2.1/servers" status: 202 len: 414 microversion: 2.79 time: 0.{650000 + r.randint(0, 9999):06d}')
        spid = r.choice(PID_SCHED)
        sm = p("nova/scheduler/manager.py")
        self.sched.log(t0 + 720, spid, "DEBUG", "nova.scheduler.manager", u, f"Starting to schedule for instances: ['{I}']",
                       dbg=("select_destinations", sm, 145))
        hs = (f"({CMP_FQDN}, {CMP_FQDN}) ram: {64142 - 4096 - 4096 * self.n_alive(t0)}MB disk: "
              f"{(446 - 40 * self.n_alive(t0)) * 1024}MB io_ops: 0 instances: {self.n_alive(t0)}")
        self.sched.log(t0 + 1040, spid, "DEBUG", "nova.scheduler.manager", u, f"Selected host: {hs}", instance=I,
                       dbg=("_consume_selected_host", sm, 561))
        self.cond.log(t0 + 1090, r.choice(PID_COND), "DEBUG", "nova.conductor.manager", u,
                      f"Took 0.{360 + r.randint(0, 99)} seconds to select destinations for 1 instance(s).",
                      dbg=("_schedule_instances", p("nova/conductor/manager.py"), 904))
        t1 = t0 + 1300
        cm = p("nova/compute/manager.py")
        self.cmp.log(t1, PID_COMPUTE, "DEBUG", "nova.compute.manager", u, "Starting instance...", instance=I,
                     dbg=("_do_build_and_run_instance", cm, 2205))
        self.cmp.log(t1 + 180, PID_COMPUTE, "INFO", "nova.compute.claims", u, f"Claim successful on node {CMP_FQDN}",
                     instance=I)
        self.cmp.log(t1 + 300, PID_COMPUTE, "DEBUG", "nova.compute.manager", u,
                     "Start building networks asynchronously for instance.", instance=I, dbg=("_build_resources", cm, 2599))
        self.cmp.log(t1 + 410, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", u, "Creating image(s)", instance=I)
        # neutron
        npid = r.choice(PID_NEUTRON)
        nreq = req(r)
        nu = FL.uctx(nreq, NOVA_USER, SERVICE_PROJECT)
        ml2m = p("neutron/plugins/ml2/managers.py")
        tb = t1 + 900
        self.neutron.log(tb, npid, "DEBUG", "neutron.plugins.ml2.managers", nu,
                         f"Attempting to bind port {P} on host {CMP_FQDN} for vnic_type normal with profile ",
                         dbg=("bind_port", ml2m, 747))
        self.neutron.log(tb + 2, npid, "DEBUG", "neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver", nu,
                         f"Attempting to bind port {P} on host {CMP_FQDN} for network segment with type geneve, "
                         f"segmentation ID {VNI}, physical network None",
                         dbg=("bind_port", p("neutron/plugins/ml2/drivers/ovn/mech_driver/mech_driver.py"), 864))
        self.neutron.log(tb + 4, npid, "DEBUG", "neutron.plugins.ml2.managers", nu, bound_port_msg(P, CMP_FQDN, SEG, VNI),
                         dbg=("_bind_port_level", ml2m, 869))
        self.neutron.log(tb + 402, npid, "INFO", "neutron.wsgi", nu,
                         f'{CMP_IP} "PUT /v2.0/ports/{P} HTTP/1.1" status: 200  len: 1390 time: 0.{4030000 + r.randint(0, 9999):07d}')
        self.cmp.log(tb + 420, PID_COMPUTE, "DEBUG", "nova.network.neutron", u, f"Successfully updated port: {P}",
                     instance=I, dbg=("_update_port", p("nova/network/neutron.py"), 581))
        tp = t1 + 2600 + r.randint(0, 500)
        self.cmp.log(tp, PID_COMPUTE, "INFO", "os_vif", u, f"Successfully plugged vif {vif_repr(P, M, NET, TAP)}")
        self.cmp_vsd.log(tp - 20, "bridge", "INFO", f"bridge br-int: added interface {TAP} on port {inst['ofport']}")
        self.messages.line(tp - 22, lambda m, x=TAP: f"{fmt_syslog(m, 0)} {CMP} kernel: device {x} entered promiscuous mode")
        self.cmp_ovnc.log(tp + 5, "binding", "INFO", f"Claiming lport {P} for this chassis.")
        self.cmp_ovnc.log(tp + 5, "binding", "INFO", f"{P}: Claiming {M} {IP}")
        self.cmp_ovnc.log(tp + 57, "binding", "INFO", f"Setting lport {P} ovn-installed in OVS")
        self.cmp_ovnc.log(tp + 57, "binding", "INFO", f"Setting lport {P} up in Southbound")
        tu = tp + 330
        self.neutron.log(tu, npid, "INFO", "neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver",
                         FL.pctx(req(r)), f"OVN reports status up for port: {P}")
        areq = req(r)
        a = FL.uctx(areq, NEUTRON_USER, SERVICE_PROJECT)
        self.api.log(tu + 160, r.choice(PID_API), "INFO", "nova.api.openstack.compute.server_external_events", a,
                     f"Creating event network-vif-plugged:{P} for instance {I} on {CMP_FQDN}")
        self.neutron.log(tu + 199, npid, "INFO", "neutron.notifiers.nova", "-",
                         f"Nova event response: {nova_event(I, 'network-vif-plugged', P, 200)}")
        self.cmp.log(tu + 215, PID_COMPUTE, "DEBUG", "nova.compute.manager", a,
                     f"Received event network-vif-plugged-{P}", instance=I, dbg=("external_instance_event", cm, 10328))
        self.cmp.log(tu + 330, PID_COMPUTE, "INFO", "nova.compute.manager", FL.pctx(req(r)), "VM Resumed (Lifecycle Event)",
                     instance=I)
        self.cmp.log(tu + 340, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", "-", "Instance spawned successfully.",
                     instance=I)
        ts = tu + 341
        self.cmp.log(ts, PID_COMPUTE, "INFO", "nova.compute.manager", u,
                     f"Took {(ts - t1 - 410) / 1000.0:.2f} seconds to spawn the instance on the hypervisor.", instance=I)
        self.cmp.log(ts + 240, PID_COMPUTE, "INFO", "nova.compute.manager", u,
                     f"Took {(ts + 240 - t1) / 1000.0:.2f} seconds to build instance.", instance=I)

    def delete(self, inst):
        r = rng("hdel-" + inst["id"])
        td = inst["deleted"]
        I, P = inst["id"], inst["port"]
        u = FL.uctx(req(r), ADMIN_USER, ADMIN_PROJECT)
        self.api.log(td, r.choice(PID_API), "INFO", "nova.api.openstack.requestlog", u,
                     f'{CLIENT_IP} "DELETE /v2.1/servers/{I}" status: 204 len: 0 microversion: 2.79 time: 0.1{r.randint(10000, 99999)}')
        self.cmp.log(td + 400, PID_COMPUTE, "INFO", "nova.compute.manager", u, "Terminating instance", instance=I)
        self.cmp.log(td + 1300, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", "-", "Instance destroyed successfully.",
                     instance=I)
        self.cmp_vsd.log(td + 1320, "bridge", "INFO", f"bridge br-int: deleted interface {tap(P)} on port {inst['ofport']}")
        self.cmp_ovnc.log(td + 1324, "binding", "INFO", f"Removing iface {tap(P)} ovn-installed in OVS")
        self.cmp_ovnc.log(td + 1324, "binding", "INFO", f"Releasing lport {P} from this chassis (sb_readonly=0)")
        self.cmp.log(td + 1700, PID_COMPUTE, "INFO", "nova.compute.manager", u,
                     "Took 1.31 seconds to destroy the instance on the hypervisor.", instance=I)
        self.cmp.log(td + 2300, PID_COMPUTE, "INFO", "nova.compute.manager", u,
                     "Took 0.58 seconds to deallocate network for instance.", instance=I)

    # ------------------------------------------------------------------ write
    def write(self):
        self.noise()
        for i in INST:
            self.boot(i)
            if i["deleted"]:
                self.delete(i)
        self.write_ctl()
        self.write_cmp()

    def host_common(self, tr, short, fqdn, boot_ms, loads, df_rows, mem, rpms):
        tr.text("version.txt", "sosreport: 4.5.6")
        tr.text("sos_commands/host/hostname", short + "\n")
        tr.text("sos_commands/host/hostname_-f", fqdn + "\n")
        tr.text("etc/hostname", fqdn + "\n")
        tr.text("sos_commands/date/date", fmt_date_cmd(COLLECT, 0, "UTC") + "\n")
        tr.text("sos_commands/date/date_--utc", fmt_date_cmd(COLLECT, 0, "UTC") + "\n")
        tr.text("sos_commands/systemd/timedatectl", timedatectl(COLLECT + 35000, 0, "UTC", "UTC (UTC, +0000)"))
        tr.text("sos_commands/kernel/uname_-a",
                f"Linux {fqdn} 5.14.0-284.92.1.el9_2.x86_64 #1 SMP PREEMPT_DYNAMIC Mon Oct 28 11:24:21 EDT 2024 "
                "x86_64 x86_64 x86_64 GNU/Linux\n")
        tr.text("sos_commands/host/uptime", uptime_line(COLLECT + 1000, 0, boot_ms, 1, loads))
        tr.text("sos_commands/filesys/df_-al_-x_autofs", df_output(df_rows))
        total, used, free, shared, bc, avail, swt, swu = mem
        tr.text("sos_commands/memory/free", free_output(total, used, free, shared, bc, avail, swt, swu))
        tr.text("proc/meminfo", meminfo(total, free, avail, bc // 40, bc - bc // 40 - bc // 9, swt, swt - swu, shared,
                                        used - used // 12, bc // 9 - bc // 40, used // 12))
        tr.text("sos_commands/rpm/sh_-c_rpm_--nodigest_-qa_--qf_-59_NVRA_INSTALLTIME_date_n_sort_-V",
                "".join("%-59s %s\n" % (n, "Thu 16 Jan 2025 10:12:44 AM UTC") for n in rpms))
        for name, target in (("df", "sos_commands/filesys/df_-al_-x_autofs"), ("free", "sos_commands/memory/free"),
                             ("date", "sos_commands/systemd/timedatectl"), ("hostname", "sos_commands/host/hostname"),
                             ("uname", "sos_commands/kernel/uname_-a"), ("uptime", "sos_commands/host/uptime"),
                             ("installed-rpms",
                              "sos_commands/rpm/sh_-c_rpm_--nodigest_-qa_--qf_-59_NVRA_INSTALLTIME_date_n_sort_-V")):
            tr.symlink(name, target)

    @staticmethod
    def df(root_dev, size, used, extra=()):
        rows = [("sysfs", 0, 0, 0, "/sys"), ("proc", 0, 0, 0, "/proc"), ("devtmpfs", 4096, 0, 4096, "/dev"),
                ("securityfs", 0, 0, 0, "/sys/kernel/security"), ("tmpfs", 32871624, 84, 32871540, "/dev/shm"),
                ("devpts", 0, 0, 0, "/dev/pts"), ("tmpfs", 13148652, 28412, 13120240, "/run"),
                ("cgroup2", 0, 0, 0, "/sys/fs/cgroup"), ("pstore", 0, 0, 0, "/sys/fs/pstore"),
                ("bpf", 0, 0, 0, "/sys/fs/bpf"), (root_dev, size, used, size - used, "/")]
        rows += list(extra)
        rows += [("selinuxfs", 0, 0, 0, "/sys/fs/selinux"), ("hugetlbfs", 0, 0, 0, "/dev/hugepages"),
                 ("mqueue", 0, 0, 0, "/dev/mqueue"), ("debugfs", 0, 0, 0, "/sys/kernel/debug"),
                 ("tracefs", 0, 0, 0, "/sys/kernel/tracing"), ("configfs", 0, 0, 0, "/sys/kernel/config"),
                 ("/dev/vda2", 983040, 318212, 664828, "/boot"),
                 ("overlay", size, used, size - used, "/var/lib/containers/storage/overlay/3f2a9c1d7e5b/merged"),
                 ("shm", 64000, 0, 64000, "/var/lib/containers/storage/overlay-containers/8d1e6b2f/userdata/shm")]
        return rows

    def ovs_show(self, sysid_peer, peer_ip, ports, br_ex):
        lines = ['    Manager "ptcp:6640:127.0.0.1"', "        is_connected: true"]
        if br_ex:
            lines += ["    Bridge br-ex", "        fail_mode: standalone", "        datapath_type: system",
                      "        Port br-ex",
                      "            Interface br-ex", "                type: internal",
                      "        Port ens5", "            Interface ens5"]
        lines += ["    Bridge br-int", "        fail_mode: secure", "        datapath_type: system",
                  f"        Port ovn-{sysid_peer[:6]}-0", f"            Interface ovn-{sysid_peer[:6]}-0",
                  "                type: geneve", f'                options: {{csum="true", key=flow, remote_ip="{peer_ip}"}}']
        for prt in ports:
            lines += [f"        Port {prt}", f"            Interface {prt}"]
        lines += ["        Port br-int", "            Interface br-int", "                type: internal"]
        return lines

    def write_ctl(self):
        tr = Tree(os.path.join(self.outdir, "sosreport-controller-0-2025-02-18-fqzpwlm"))
        self.host_common(tr, CTL, CTL_FQDN, T("2025-01-16", "10:40:18"), (2.31, 2.12, 2.04),
                         self.df("/dev/vda4", 209665008, 61330440),
                         (65743248, 30124580, 9288144, 412880, 26330524, 34160312, 0, 0),
                         ["openvswitch3.1-3.1.0-147.el9fdp.x86_64", "ovn23.03-23.03.0-69.el9fdp.x86_64",
                          "podman-4.4.1-21.el9_2.x86_64", "sos-4.5.6-1.el9.noarch"])
        c = "var/log/containers/"
        tr.text(c + "nova/nova-api.log", self.api.render())
        tr.text(c + "nova/nova-conductor.log", self.cond.render())
        tr.text(c + "nova/nova-scheduler.log", self.sched.render())
        tr.text(c + "neutron/server.log", self.neutron.render())
        tr.text(c + "openvswitch/ovn-controller.log", self.ctl_ovnc.render())
        tr.text(c + "openvswitch/ovn-northd.log", self.northd.render())
        tr.text(c + "openvswitch/ovsdb-server-nb.log", self.nb.render())
        tr.text(c + "openvswitch/ovsdb-server-sb.log", self.sb.render())
        tr.text("var/log/openvswitch/ovs-vswitchd.log", self.ctl_vsd.render())
        tr.text("var/log/openvswitch/ovsdb-server.log", self.ctl_ovsdb.render())
        tr.text("var/lib/config-data/puppet-generated/neutron/etc/neutron/plugins/ml2/ml2_conf.ini",
                "[ml2]\nmechanism_drivers=ovn\ntype_drivers=geneve,vxlan,vlan,flat\ntenant_network_types=geneve\n\n"
                f"[ovn]\novn_nb_connection=tcp:{CTL_IP}:6641\novn_sb_connection={SB_REMOTE}\n")
        # ovn_central via podman exec + sos_containers links
        outs = self.ovn_central_outputs()
        for cmd, content in outs.items():
            real = f"sos_commands/ovn_central/podman_exec_{CONTAINER}_{cmd}"
            tr.text(real, content)
            tr.symlink(f"sos_containers/{CONTAINER}/sos_commands/ovn_central/{cmd}", "../../../../" + real)
        show = [CTL_OVS] + self.ovs_show(CMP_SYSID, CMP_ENCAP, [], True) + ['    ovs_version: "3.1.0"']
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_show", "\n".join(show) + "\n")
        ext = {"hostname": CTL_FQDN, "ovn-bridge-mappings": "datacentre:br-ex", "ovn-cms-options": "enable-chassis-as-gw",
               "ovn-encap-ip": CTL_ENCAP, "ovn-encap-type": "geneve", "ovn-remote": SB_REMOTE,
               "rundir": "/var/run/openvswitch", "system-id": CTL_SYSID}
        row = self.ovsrow(CTL_OVS, ext)
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch", olist([row]))
        tr.text("sos_commands/ovn_host/ovs-vsctl_list_Open_vSwitch", olist([row]))

    def write_cmp(self):
        tr = Tree(os.path.join(self.outdir, "sosreport-compute-0-2025-02-18-hvbnqtr"))
        self.host_common(tr, CMP, CMP_FQDN, T("2025-01-16", "10:52:07"), (3.05, 2.88, 2.79),
                         self.df("/dev/vda4", 467614704, 118290112),
                         (65685296, 25812004, 7119840, 98304, 32753452, 39151076, 0, 0),
                         ["libvirt-daemon-9.0.0-10.7.el9_2.x86_64", "openvswitch3.1-3.1.0-147.el9fdp.x86_64",
                          "podman-4.4.1-21.el9_2.x86_64", "sos-4.5.6-1.el9.noarch"])
        c = "var/log/containers/"
        tr.text(c + "nova/nova-compute.log", self.cmp.render())
        tr.text(c + "neutron/ovn-metadata-agent.log", self.meta.render())
        tr.text(c + "openvswitch/ovn-controller.log", self.cmp_ovnc.render())
        tr.text("var/log/openvswitch/ovs-vswitchd.log", self.cmp_vsd.render())
        tr.text("var/log/openvswitch/ovsdb-server.log", self.cmp_ovsdb.render())
        tr.text("var/log/messages", self.messages.render())
        tr.text("var/lib/config-data/puppet-generated/nova_libvirt/etc/nova/nova.conf",
                f"[DEFAULT]\nhost={CMP_FQDN}\nmy_ip={CMP_IP}\ndebug=True\nvif_plugging_is_fatal=True\n"
                "vif_plugging_timeout=300\ntransport_url=*********\n\n[libvirt]\nvirt_type=kvm\n")
        alive = PRE + [i for i in INST if i["deleted"] is None]
        show = [CMP_OVS] + self.ovs_show(CTL_SYSID, CTL_ENCAP, [tap(i["port"]) for i in alive], True) + \
            ['    ovs_version: "3.1.0"']
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_show", "\n".join(show) + "\n")
        ext = {"hostname": CMP_FQDN, "ovn-bridge-mappings": "datacentre:br-ex", "ovn-encap-ip": CMP_ENCAP,
               "ovn-encap-type": "geneve", "ovn-remote": SB_REMOTE, "rundir": "/var/run/openvswitch",
               "system-id": CMP_SYSID}
        row = self.ovsrow(CMP_OVS, ext)
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch", olist([row]))
        tr.text("sos_commands/ovn_host/ovs-vsctl_list_Open_vSwitch", olist([row]))

    @staticmethod
    def ovsrow(uid, ext):
        r = rng("hovs-" + uid)
        return {"_uuid": uid, "bridges": oset_raw(sorted(uuid4(r) for _ in range(2))), "cur_cfg": "88",
                "datapath_types": "[netdev, system]", "datapaths": "{}", "db_version": q("8.3.1"),
                "dpdk_initialized": "false", "dpdk_version": q("DPDK 22.11.1"), "external_ids": omap(ext),
                "iface_types": "[bareudp, erspan, geneve, gre, gtpu, internal, ip6erspan, ip6gre, lisp, patch, stt, "
                               "system, tap, vxlan]",
                "manager_options": oset_raw([uuid4(r)]), "next_cfg": "88", "other_config": "{}",
                "ovs_version": q("3.1.0"), "ssl": "[]", "statistics": "{}", "system_type": "rhel",
                "system_version": q("9.2")}

    def ovn_central_outputs(self):
        alive = PRE + [i for i in INST if i["deleted"] is None]
        out = {}
        show = []
        for name, host, ip, ports in ((CTL_SYSID, CTL_FQDN, CTL_ENCAP, []),
                                      (CMP_SYSID, CMP_FQDN, CMP_ENCAP, [i["port"] for i in alive])):
            show += [f"Chassis {q(name)}", f"    hostname: {q(host)}", "    Encap geneve", f"        ip: {q(ip)}",
                     '        options: {csum="true"}'] + [f"    Port_Binding {q(p_)}" for p_ in ports]
        out["ovn-sbctl_--no-leader-only_show"] = "\n".join(show) + "\n"
        oc = {"datapath-type": "system", "iface-types": "bareudp,erspan,geneve,gre,gtpu,internal,ip6erspan,ip6gre,lisp,"
                                                        "patch,stt,system,tap,vxlan",
              "is-interconn": "false", "ovn-bridge-mappings": "datacentre:br-ex", "ovn-chassis-mac-mappings": "",
              "ovn-cms-options": "", "ovn-enable-lflow-cache": "true", "ovn-limit-lflow-cache": "",
              "ovn-memlimit-lflow-cache-kb": "", "ovn-monitor-all": "true", "port-up-notif": "true"}
        out["ovn-sbctl_--no-leader-only_list_Chassis"] = olist([
            {"_uuid": CH_CTL, "encaps": oset_raw([EN_CTL]), "external_ids": "{}", "hostname": q(CTL_FQDN),
             "name": q(CTL_SYSID), "nb_cfg": "0", "other_config": omap(dict(oc, **{"ovn-cms-options": "enable-chassis-as-gw"})),
             "transport_zones": "[]", "vtep_logical_switches": "[]"},
            {"_uuid": CH_CMP, "encaps": oset_raw([EN_CMP]), "external_ids": "{}", "hostname": q(CMP_FQDN),
             "name": q(CMP_SYSID), "nb_cfg": "0", "other_config": omap(oc), "transport_zones": "[]",
             "vtep_logical_switches": "[]"}])
        out["ovn-sbctl_--no-leader-only_list_Chassis_Private"] = olist([
            {"_uuid": CP_CTL, "chassis": CH_CTL, "external_ids": "{}", "name": q(CTL_SYSID), "nb_cfg": str(NB_CFG),
             "nb_cfg_timestamp": str(T(D, "16:04:51", 203))},
            {"_uuid": CP_CMP, "chassis": CH_CMP,
             "external_ids": omap({"neutron:ovn-metadata-id": uuid4(rng("hmeta")), "neutron:ovn-metadata-sb-cfg": str(NB_CFG)}),
             "name": q(CMP_SYSID), "nb_cfg": str(NB_CFG), "nb_cfg_timestamp": str(T(D, "16:04:51", 219))}])
        out["ovn-sbctl_--no-leader-only_list_Encap"] = olist([
            {"_uuid": EN_CTL, "chassis_name": q(CTL_SYSID), "ip": q(CTL_ENCAP), "options": '{csum="true"}', "type": "geneve"},
            {"_uuid": EN_CMP, "chassis_name": q(CMP_SYSID), "ip": q(CMP_ENCAP), "options": '{csum="true"}', "type": "geneve"}])
        pbs, lsps = [], []
        for k, i in enumerate(alive):
            addr = f"{i['mac']} {i['ip']}"
            ext = {"neutron:cidrs": i["ip"] + "/26", "neutron:device_id": i["id"], "neutron:device_owner": "compute:nova",
                   "neutron:network_name": f"neutron-{NET}", "neutron:port_name": "", "neutron:project_id": ADMIN_PROJECT,
                   "neutron:revision_number": "4", "neutron:security_group_ids": SG}
            opts = {"mcast_flood_reports": "true", "requested-chassis": CMP_FQDN}
            pbs.append({"_uuid": uuid4(rng("hpb" + i["port"])), "chassis": CH_CMP, "datapath": DP, "encap": "[]",
                        "external_ids": omap(dict(ext, name="")), "gateway_chassis": "[]", "ha_chassis_group": "[]",
                        "logical_port": q(i["port"]), "mac": oset_str([addr]), "nat_addresses": "[]",
                        "options": omap(opts), "parent_port": "[]", "requested_chassis": CH_CMP, "tag": "[]",
                        "tunnel_key": str(3 + k), "type": q(""), "up": "true", "virtual_parent": "[]"})
            lsps.append({"_uuid": uuid4(rng("hlsp" + i["port"])), "addresses": oset_str([addr]), "dhcpv4_options": "[]",
                         "dhcpv6_options": "[]", "dynamic_addresses": "[]", "enabled": "true", "external_ids": omap(ext),
                         "ha_chassis_group": "[]", "name": q(i["port"]), "options": omap(opts), "parent_name": "[]",
                         "port_security": oset_str([addr]), "tag": "[]", "tag_request": "[]", "type": q(""), "up": "true"})
        out["ovn-sbctl_--no-leader-only_list_Port_Binding"] = olist(pbs)
        out["ovn-nbctl_--no-leader-only_list_Logical_Switch_Port"] = olist(lsps)
        out["ovn-nbctl_--no-leader-only_list_NB_Global"] = olist([
            {"_uuid": uuid4(rng("hnbg")), "connections": oset_raw([uuid4(rng("hconn"))]), "external_ids": "{}",
             "hv_cfg": str(NB_CFG), "hv_cfg_timestamp": str(T(D, "16:04:51", 220)), "ipsec": "false", "name": q(""),
             "nb_cfg": str(NB_CFG), "nb_cfg_timestamp": str(T(D, "16:04:51", 190)),
             "options": omap({"mac_prefix": "8e:4a:21", "max_tunid": "16711680",
                              "northd_internal_version": "23.03.0-20.27.0-70.6", "svc_monitor_mac": "fa:16:3e:0d:5c:17"}),
             "sb_cfg": str(NB_CFG), "sb_cfg_timestamp": str(T(D, "16:04:51", 199)), "ssl": "[]"}])
        nbs = [f"switch {uuid4(rng('hls'))} (neutron-{NET}) (aka tenant-net)"]
        for i in alive:
            nbs += [f"    port {i['port']}", f"        addresses: {oset_str([i['mac'] + ' ' + i['ip']])}"]
        out["ovn-nbctl_--no-leader-only_show"] = "\n".join(nbs) + "\n"
        return out
