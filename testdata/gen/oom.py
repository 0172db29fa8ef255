"""incident-oom-ovn-controller: two Ubuntu 24.04 sos reports (OpenStack 2024.1 Caracal from the
noble archive, package layout, UTC), ctl-1 and cmp-1, a small edge site with one compute.

Story (chain F into chain A): ovn-controller on cmp-1 grows to 9 GB (its lflow cache; ovs's
lib/memory.c logs "peak resident set size grew ...") and at 10:31:12 the kernel's OOM killer,
woken by a qemu guest, kills it. systemd does not restart it (the unit failed with result
'oom-kill'). From then on the chassis stops updating Chassis_Private.nb_cfg, so neutron treats
its OVN agent as dead; at 10:44 a boot of "db-2" fails: neutron refuses to bind its port to the
dead agent, nova-compute raises PortBindingFailed, the conductor has no alternate host and
fails the build with MaxRetriesExceeded. `free` at collection shows 6 GB available: the kill
freed it, and memory must not be ruled out. A boot at 09:58 succeeded (the normal path).
Every value is invented."""

import os

from common import OsloLog, VlogLog, TextLog, Tree, T, rng, uuid4, hex32, req, mac, q, omap, oset_str, oset_raw, olist
from site_files import host_files, df_rows
from openstack import (Flavor, tb_pbf_spawn, tb_pbf_build, conductor_exc_list, pbf_msg, vif_repr,
                       bound_port_msg, nova_event, tap)

PYN = "/usr/lib/python3/dist-packages"
PYVER = "python3.12"
FL = Flavor(PYN, True, 0)                  # oslo.log >= 4.8 bracket, UTC
D = "2025-08-21"
LOG_START = T(D, "06:00:02", 118)
COLLECT = T(D, "11:20:05")

CTL, CMP = "ctl-1", "cmp-1"
NODE_CMP = "cmp-1.edge.example.net"
CTL_IP, CMP_IP = "192.0.2.40", "192.0.2.41"
CMP_ENCAP = "198.51.100.41"
SB_REMOTE = f"tcp:{CTL_IP}:6642"

R = rng("oom-ids")
CMP_SYSID = uuid4(R)
CH_CMP, CP_CMP, EN_CMP = uuid4(R), uuid4(R), uuid4(R)
NET, SEG, SUBNET, DP = uuid4(R), uuid4(R), uuid4(R), uuid4(R)
VNI = 41207
ADMIN_USER, ADMIN_PROJECT = hex32(R), hex32(R)
NOVA_USER, SERVICE_PROJECT = hex32(R), hex32(R)
IMAGE = uuid4(R)
CMP_OVS = uuid4(R)
PID_API, PID_COND, PID_SCHED, PID_NEUTRON, PID_COMPUTE = 2203, 2190, 2177, 2412, 1873
PID_OVNC = 2841
BOOT_CMP = T("2025-07-14", "07:12:40")
BOOT_CTL = T("2025-07-14", "07:09:02")
NB_CFG_LAST = 6120                         # cmp-1's Chassis_Private.nb_cfg when ovn-controller died
NB_CFG_NOW = 6187
OOM_AT = T(D, "10:31:12", 418)

OK_BOOT = dict(name="web-3", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="203.0.113.23", t=T(D, "09:58:40", 211),
               req=req(R))
BAD_BOOT = dict(name="db-2", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="203.0.113.24", t=T(D, "10:44:02", 907),
                req=req(R))
RUNNING = [dict(id=uuid4(R), port=uuid4(R), mac=mac(R), ip="203.0.113.%d" % (10 + k)) for k in range(5)]


def segments(seg, vni):
    return (f"[{{'id': '{seg}', 'network_type': 'geneve', 'physical_network': None, "
            f"'segmentation_id': {vni}, 'network_id': '{NET}'}}]")


class Oom:
    def __init__(self, outdir):
        self.outdir = outdir
        self.api, self.cond, self.sched, self.neutron, self.cmp = (OsloLog(0) for _ in range(5))
        self.ovnc = VlogLog(88412)
        self.northd = VlogLog(5120)
        self.syslog, self.kern = TextLog(), TextLog()
        for lg in (self.api, self.cond, self.sched, self.neutron, self.cmp, self.ovnc, self.northd,
                   self.syslog, self.kern):
            lg.window = (LOG_START, COLLECT)

    # ------------------------------------------------------------------ noise
    def noise(self):
        r = rng("oom-noise")
        pt, rt = FL.p("oslo_service/periodic_task.py"), FL.p("nova/compute/resource_tracker.py")
        t = LOG_START + 21000
        used_ram = 512 + 5 * 4096
        while t < COLLECT:
            ctx = FL.pctx(req(r))
            self.cmp.log(t, PID_COMPUTE, "DEBUG", "oslo_service.periodic_task", ctx,
                         "Running periodic task ComputeManager.update_available_resource",
                         dbg=("run_periodic_tasks", pt, 210))
            self.cmp.log(t + 14, PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                         f"Auditing locally available compute resources for {CMP} (node: {NODE_CMP})",
                         dbg=("update_available_resource", rt, 910))
            ram = used_ram + (4096 if t > OK_BOOT["t"] + 30000 else 0)
            vcpus = 10 + (2 if t > OK_BOOT["t"] + 30000 else 0)
            self.cmp.log(t + 402 + r.randint(0, 90), PID_COMPUTE, "DEBUG", "nova.compute.resource_tracker", ctx,
                         f"Final resource view: name={NODE_CMP} phys_ram=32091MB used_ram={ram}MB phys_disk=878GB "
                         f"used_disk={120 + (vcpus - 10) * 20}GB total_vcpus=16 used_vcpus={vcpus} pci_stats=[]",
                         dbg=("_report_final_resource_view", rt, 1115))
            t += 60000 + r.randint(0, 400)
        # ovn-controller: probe noise and its memory growth (ovs lib/memory.c memory_report)
        t = LOG_START + 5000
        peak = 2412208
        while t < OOM_AT - 60000:
            if r.random() < 0.08:
                self.ovnc.log(t, "inc_proc_eng", "INFO", "node: logical_flow_output, recompute (forced) took "
                              f"{r.randint(180, 900)}ms")
            t += 180000 + r.randint(0, 5000)
        for k, grown in enumerate((31, 44, 38)):
            ts = T(D, "07:40:11") + k * 3600000 + r.randint(0, 90000)
            new = int(peak * (100 + grown) / 100)
            self.ovnc.log(ts, "memory", "INFO", f"peak resident set size grew {grown}% in last "
                          f"{3590 + r.random() * 20:.1f} seconds, from {peak} kB to {new} kB")
            self.ovnc.log(ts + 1, "memory", "INFO", f"idl-cells-OVN_Southbound:{1821334 + k * 90412} "
                          f"idl-cells-Open_vSwitch:{4112 + k} lflow-cache-entries-cache-expr:{412018 + k * 80122} "
                          f"lflow-cache-entries-cache-matches:{220914 + k * 61023} "
                          f"lflow-cache-size-KB:{3412208 + k * 1312046} ofctrl_desired_flow_usage-KB:{912204 + k * 4102}")
            peak = new
        # northd on ctl-1: the active instance, healthy
        self.northd.log(LOG_START + 812, "northd", "INFO", "ovn-northd lock acquired. "
                        "This ovn-northd instance is now active.")
        t = LOG_START + 600000
        while t < COLLECT:
            if r.random() < 0.2:
                self.northd.log(t, "inc_proc_eng", "INFO", f"node: lflow, recompute (missing handler for input "
                                f"northd) took {r.randint(120, 420)}ms")
            t += 900000
        # syslog noise on cmp-1
        t = LOG_START + 3000
        while t < COLLECT:
            self.syslog.line(t, lambda ms: self.sysl(ms, "CRON[%d]" % (30000 + ms % 7000),
                                                     "(root) CMD (command -v debian-sa1 > /dev/null && "
                                                     "debian-sa1 1 1)"))
            t += 600000

    def sysl(self, ms, tag, text):
        from common import _dt_of
        d, m = _dt_of(ms)
        return d.strftime("%Y-%m-%dT%H:%M:%S") + ".%06d+00:00 %s %s: %s" % (m * 1000 + 412, CMP, tag, text)

    # ------------------------------------------------------------------ OOM
    def oom(self):
        t = OOM_AT
        k = "kernel"
        lines = [
            "qemu-system-x86 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, "
            "oom_score_adj=0",
            "CPU: 7 PID: 48213 Comm: qemu-system-x86 Not tainted 6.8.0-60-generic #63-Ubuntu",
            "Hardware name: Dell Inc. PowerEdge R650/0YWR7D, BIOS 1.14.1 03/19/2025",
            "Mem-Info:",
            "active_anon:7712001 inactive_anon:211288 isolated_anon:0",
            "Tasks state (memory values in pages):",
            "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
            "[   2841]     0  2841  2528086  2348753 19345408        0             0 ovn-controller",
            "[  48213] 64055 48213  1281932  1054822  9228288        0             0 qemu-system-x86",
            "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
            "task_memcg=/system.slice/ovn-controller.service,task=ovn-controller,pid=2841,uid=0",
            "Out of memory: Killed process 2841 (ovn-controller) total-vm:10112344kB, anon-rss:9391012kB, "
            "file-rss:4096kB, shmem-rss:0kB, UID:0 pgtables:18892kB oom_score_adj:0",
        ]
        self.dmesg = []
        up = (OOM_AT - BOOT_CMP) / 1000.0
        for i, text in enumerate(lines):
            self.kern.line(t + i, lambda ms, text=text: self.sysl(ms, k, text))
            self.syslog.line(t + i, lambda ms, text=text: self.sysl(ms, k, text))
            self.dmesg.append("[%12.6f] %s" % (up + i / 1000.0, text))
        for dt, text in ((212, "ovn-controller.service: A process of this unit has been killed by the OOM killer."),
                         (240, "ovn-controller.service: Main process exited, code=killed, status=9/KILL"),
                         (241, "ovn-controller.service: Failed with result 'oom-kill'."),
                         (242, "ovn-controller.service: Consumed 5d 2h 11min 40.118s CPU time, 9.6G memory peak, "
                               "0B memory swap peak.")):
            self.syslog.line(t + dt, lambda ms, text=text: self.sysl(ms, "systemd[1]", text))

    # ------------------------------------------------------------------ boots
    def api_post(self, inst, r):
        u = FL.uctx(inst["req"], ADMIN_USER, ADMIN_PROJECT)
        self.api.log(inst["t"], PID_API, "INFO", "nova.api.openstack.requestlog", u,
                     f'198.51.100.7 "POST /v2.1/servers" status: 202 len: 403 microversion: 2.96 '
                     f'time: 0.{r.randint(400000, 700000):06d}')
        return u

    def schedule(self, inst, u, t):
        I = inst["id"]
        self.sched.log(t, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                       f"Starting to schedule for instances: ['{I}']",
                       dbg=("select_destinations", FL.p("nova/scheduler/manager.py"), 141))
        self.sched.log(t + 318, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                       f"Selected host: ({CMP}, {NODE_CMP}) ram: 7210MB disk: 776192MB io_ops: 0 instances: 6",
                       instance=I, dbg=("_consume_selected_host", FL.p("nova/scheduler/manager.py"), 506))

    def compute_start(self, inst, u, t):
        I = inst["id"]
        self.cmp.log(t, PID_COMPUTE, "INFO", "nova.compute.claims", u, f"Claim successful on node {NODE_CMP}",
                     instance=I)
        self.cmp.log(t + 71, PID_COMPUTE, "DEBUG", "nova.compute.manager", u,
                     "Start building networks asynchronously for instance.", instance=I,
                     dbg=("_build_resources", FL.p("nova/compute/manager.py"), 2852))
        self.cmp.log(t + 410, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", u, "Creating image(s)", instance=I)

    def boot_ok(self, r):
        inst = OK_BOOT
        I, P = inst["id"], inst["port"]
        u = self.api_post(inst, r)
        self.schedule(inst, u, inst["t"] + 402)
        t = inst["t"] + 1211
        self.compute_start(inst, u, t)
        nctx = f"{inst['req']} req-{uuid4(r)} {NOVA_USER} {SERVICE_PROJECT} - - default default"
        self.neutron.log(t + 930, PID_NEUTRON, "INFO", "neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver",
                         nctx, bound_port_msg(P, CMP, SEG, VNI))
        self.cmp.log(t + 4102, PID_COMPUTE, "INFO", "os_vif", u,
                     f"Successfully plugged vif {vif_repr(P, inst['mac'], NET, tap(P))}")
        self.ovnc.log(t + 4180, "binding", "INFO", f"Claiming lport {P} for this chassis.")
        self.ovnc.log(t + 4181, "binding", "INFO", f"{P}: Claiming {inst['mac']} {inst['ip']}")
        self.neutron.log(t + 4420, PID_NEUTRON, "INFO", "neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver",
                         FL.pctx(req(r)), f"OVN reports status up for port: {P}")
        self.neutron.log(t + 4512, PID_NEUTRON, "INFO", "neutron.notifiers.nova", "-",
                         f"Nova event matching ['{req(r)}'] response: "
                         f"{nova_event(I, 'network-vif-plugged', P, 200)}")
        self.cmp.log(t + 4690, PID_COMPUTE, "INFO", "nova.compute.manager", u,
                     "Took 5.21 seconds to spawn the instance on the hypervisor.", instance=I)
        self.cmp.log(t + 4790, PID_COMPUTE, "INFO", "nova.compute.manager", u,
                     "Took 6.02 seconds to build instance.", instance=I)

    def boot_fail(self, r):
        inst = BAD_BOOT
        I, P = inst["id"], inst["port"]
        u = self.api_post(inst, r)
        self.schedule(inst, u, inst["t"] + 388)
        t = inst["t"] + 1187
        self.compute_start(inst, u, t)
        nctx = f"{inst['req']} req-{uuid4(r)} {NOVA_USER} {SERVICE_PROJECT} - - default default"
        tb = t + 1012
        self.neutron.log(tb, PID_NEUTRON, "WARNING", "neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver", nctx,
                         f"Refusing to bind port {P} to dead agent:  "
                         "<neutron.plugins.ml2.drivers.ovn.agent.neutron_agent.ControllerAgent object at "
                         "0x7f2b9c41d6a0>")
        self.neutron.log(tb + 61, PID_NEUTRON, "ERROR", "neutron.plugins.ml2.managers", nctx,
                         f"Failed to bind port {P} on host {CMP} for vnic_type normal using segments "
                         f"{segments(SEG, VNI)}")
        t_fs = tb + 1544
        self.cmp.exc(t_fs, PID_COMPUTE, "nova.compute.manager", u,
                     f"Instance failed to spawn: nova.exception.PortBindingFailed: {pbf_msg(P)}",
                     tb_pbf_spawn(FL, PYVER, P), instance=I)
        self.cmp.log(t_fs + 214, PID_COMPUTE, "INFO", "nova.virt.libvirt.driver", "-",
                     "Instance destroyed successfully.", instance=I)
        t_fb = t_fs + 683
        self.cmp.exc(t_fb, PID_COMPUTE, "nova.compute.manager", u,
                     f"Failed to build and run instance: nova.exception.PortBindingFailed: {pbf_msg(P)}",
                     tb_pbf_build(FL, PYVER, P), instance=I)
        self.cmp.log(t_fb + 91, PID_COMPUTE, "DEBUG", "nova.compute.manager", u,
                     f"Build of instance {I} was re-scheduled: {pbf_msg(P)}", instance=I,
                     dbg=("_do_build_and_run_instance", FL.p("nova/compute/manager.py"), 2430))
        tc = t_fb + 455
        self.cond.log(tc, PID_COND, "ERROR", "nova.scheduler.utils", u,
                      f"Error from last host: {CMP} (node {NODE_CMP}): {conductor_exc_list(FL, PYVER, P, I)}",
                      instance=I)
        self.cond.log(tc + 48, PID_COND, "WARNING", "nova.scheduler.utils", u,
                      "Failed to compute_task_build_instances: Exceeded maximum number of retries. Exhausted all "
                      f"hosts available for retrying build failures for instance {I}.", instance=I)
        self.cond.log(tc + 49, PID_COND, "WARNING", "nova.scheduler.utils", u, "Setting instance to ERROR state.",
                      instance=I)

    # ------------------------------------------------------------------ write
    def write(self):
        r = rng("oom-story")
        self.noise()
        self.boot_ok(r)
        self.oom()
        self.boot_fail(r)
        self.write_ctl()
        self.write_cmp()

    @staticmethod
    def host_files(tr, host, boot_ms, size, used, mem):
        host_files(tr, host, COLLECT, boot_ms, "6.8.0-60-generic",
                   "#63-Ubuntu SMP PREEMPT_DYNAMIC Tue Apr 15 19:04:15 UTC 2025",
                   df_rows("/dev/sda2", size, used, [("/dev/sda1", 1046508, 6220, 1040288, "/boot/efi")], "udev"), mem)
        tr.text("etc/timezone", "Etc/UTC\n")

    def write_ctl(self):
        tr = Tree(os.path.join(self.outdir, "sosreport-ctl-1-2025-08-21-kqzvtpw"))
        self.host_files(tr, CTL, BOOT_CTL, 490617784, 88412004,
                        (65773000, 22104120, 8121004, 240112, 35547876, 42412044))
        tr.text("var/log/nova/nova-api.log", self.api.render())
        tr.text("var/log/nova/nova-conductor.log", self.cond.render())
        tr.text("var/log/nova/nova-scheduler.log", self.sched.render())
        tr.text("var/log/neutron/neutron-server.log", self.neutron.render())
        tr.text("var/log/ovn/ovn-northd.log", self.northd.render())
        tr.text("etc/neutron/plugins/ml2/ml2_conf.ini",
                "[ml2]\nmechanism_drivers = ovn\ntype_drivers = geneve,flat\ntenant_network_types = geneve\n\n"
                f"[ovn]\novn_nb_connection = tcp:{CTL_IP}:6641\novn_sb_connection = {SB_REMOTE}\n")
        oc = "sos_commands/ovn_central/"
        tr.text(oc + "ovn-appctl_-t_.var.run.ovn.ovn-northd.1402.ctl_status", "Status: active\n")
        sb = [f"Chassis {q(CMP_SYSID)}", f"    hostname: {CMP}", "    Encap geneve", f"        ip: {q(CMP_ENCAP)}",
              '        options: {csum="true"}'] + [f"    Port_Binding {q(i['port'])}" for i in RUNNING + [OK_BOOT]]
        tr.text(oc + "ovn-sbctl_--no-leader-only_show", "\n".join(sb) + "\n")
        tr.text(oc + "ovn-sbctl_--no-leader-only_list_Chassis", olist([
            {"_uuid": CH_CMP, "encaps": oset_raw([EN_CMP]), "external_ids": "{}", "hostname": q(CMP),
             "name": q(CMP_SYSID), "nb_cfg": "0", "other_config": omap({"ovn-bridge-mappings": "",
                                                                          "ovn-cms-options": ""}),
             "transport_zones": "[]", "vtep_logical_switches": "[]"}]))
        tr.text(oc + "ovn-sbctl_--no-leader-only_list_Chassis_Private", olist([
            {"_uuid": CP_CMP, "chassis": CH_CMP, "external_ids": omap({"neutron:ovn-metadata-sb-cfg": str(NB_CFG_LAST)}),
             "name": q(CMP_SYSID), "nb_cfg": str(NB_CFG_LAST), "nb_cfg_timestamp": str(OOM_AT - 4012)}]))
        tr.text(oc + "ovn-sbctl_--no-leader-only_list_Encap", olist([
            {"_uuid": EN_CMP, "chassis_name": q(CMP_SYSID), "ip": q(CMP_ENCAP), "options": '{csum="true"}',
             "type": "geneve"}]))
        pbs, lsps = [], []
        for k, i in enumerate(RUNNING + [OK_BOOT, BAD_BOOT]):
            bad = i is BAD_BOOT
            addr = f"{i['mac']} {i['ip']}"
            ext = {"neutron:cidrs": i["ip"] + "/24", "neutron:device_id": i["id"],
                   "neutron:device_owner": "compute:nova", "neutron:network_name": f"neutron-{NET}",
                   "neutron:project_id": ADMIN_PROJECT, "neutron:revision_number": "2" if bad else "4"}
            opts = {} if bad else {"requested-chassis": CMP}
            pbs.append({"_uuid": uuid4(rng("oompb" + i["port"])), "chassis": "[]" if bad else CH_CMP, "datapath": DP,
                        "encap": "[]", "external_ids": omap(ext), "gateway_chassis": "[]", "ha_chassis_group": "[]",
                        "logical_port": q(i["port"]), "mac": oset_str([addr]), "nat_addresses": "[]",
                        "options": omap(opts), "parent_port": "[]", "requested_chassis": "[]" if bad else CH_CMP,
                        "tag": "[]", "tunnel_key": str(2 + k), "type": q(""), "up": "false" if bad else "true",
                        "virtual_parent": "[]"})
            lsps.append({"_uuid": uuid4(rng("oomlsp" + i["port"])), "addresses": oset_str([addr]),
                         "dhcpv4_options": "[]", "dhcpv6_options": "[]", "dynamic_addresses": "[]", "enabled": "true",
                         "external_ids": omap(ext), "ha_chassis_group": "[]", "name": q(i["port"]),
                         "options": omap(opts), "parent_name": "[]", "port_security": oset_str([addr]), "tag": "[]",
                         "tag_request": "[]", "type": q(""), "up": "false" if bad else "true"})
        tr.text(oc + "ovn-sbctl_--no-leader-only_list_Port_Binding", olist(pbs))
        tr.text(oc + "ovn-nbctl_--no-leader-only_list_Logical_Switch_Port", olist(lsps))
        tr.text(oc + "ovn-nbctl_--no-leader-only_list_NB_Global", olist([
            {"_uuid": uuid4(rng("oomnbg")), "connections": "[]", "external_ids": "{}", "hv_cfg": str(NB_CFG_LAST),
             "ipsec": "false", "name": q(""), "nb_cfg": str(NB_CFG_NOW), "options": omap({"mac_prefix": "2a:91:0c"}),
             "sb_cfg": str(NB_CFG_NOW), "ssl": "[]"}]))

    def write_cmp(self):
        tr = Tree(os.path.join(self.outdir, "sosreport-cmp-1-2025-08-21-rmwdhbn"))
        self.host_files(tr, CMP, BOOT_CMP, 920577784, 134412004,
                        (32861184, 24112004, 2104112, 98412, 6645068, 6310112))
        tr.text("var/log/nova/nova-compute.log", self.cmp.render())
        tr.text("var/log/ovn/ovn-controller.log", self.ovnc.render())
        tr.text("var/log/syslog", self.syslog.render())
        tr.text("var/log/kern.log", self.kern.render())
        tr.text("sos_commands/kernel/dmesg", "\n".join(self.dmesg) + "\n")
        tr.text("sos_commands/kernel/lsmod", "Module                  Size  Used by\n"
                "vhost_net              32768  10\nkvm_intel             487424  20\n"
                "kvm                  1409024  1 kvm_intel\ngeneve                 45056  0\n"
                "openvswitch           196608  3 geneve\n")
        tr.text("etc/nova/nova.conf", f"[DEFAULT]\nhost = {CMP}\nmy_ip = {CMP_IP}\ndebug = True\n"
                "transport_url = *********\n\n[libvirt]\nvirt_type = kvm\n")
        br = [CMP_OVS, '    Manager "ptcp:6640:127.0.0.1"', "        is_connected: true",
              "    Bridge br-int", "        fail_mode: secure", "        datapath_type: system"]
        for i in RUNNING + [OK_BOOT]:
            br += [f"        Port {tap(i['port'])}", f"            Interface {tap(i['port'])}"]
        br += ["        Port br-int", "            Interface br-int", "                type: internal",
               '    ovs_version: "3.3.0"']
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_show", "\n".join(br) + "\n")
        row = {"_uuid": CMP_OVS, "bridges": oset_raw([uuid4(rng("oombr"))]), "cur_cfg": "41",
               "external_ids": omap({"hostname": CMP, "ovn-encap-ip": CMP_ENCAP, "ovn-encap-type": "geneve",
                                     "ovn-remote": SB_REMOTE, "system-id": CMP_SYSID}),
               "next_cfg": "41", "other_config": "{}", "ovs_version": q("3.3.0")}
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_list_Open_vSwitch", olist([row]))
