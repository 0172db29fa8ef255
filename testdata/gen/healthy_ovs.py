"""healthy-ml2ovs: three Ubuntu 18.04 sos reports of an OpenStack Queens cloud from the bionic archive
(nova 17, neutron 12, Open vSwitch 2.9, python 2.7, package layout), ML2/OVS with VXLAN, ctl-0
(control and network node), cmp-0 and cmp-1, zone Europe/London in summer (BST, UTC+1). Nothing is
broken: every boot succeeds. The bundle holds what an ML2/OVS cloud logs on a good day and what a
careless rule would blame:

- 09:14 an unattended upgrade restarts openvswitch-switch on cmp-1: ovs-vswitchd logs "terminating
  with signal 15 (Terminated)" and starts again 3 s later ("ovs-vswitchd (Open vSwitch) 2.9.5");
  the OVS agent there (of_interface = ovs-ofctl, kept from an older release) fails two canary
  checks ("Exit code: 1; ... Stderr: ovs-ofctl: br-int is not a bridge or a socket", "OVS is
  dead. ...") and then resets its bridges ("OVS is restarted. ...").
- 08:52 cmp-0's agent fails one state report (py2: "Failed reporting state!: MessagingTimeout:
  ...") and the next one, 30 s later, goes through ("Successfully reported state after a previous
  failure.").
- cmp-0 keeps an OVS port of an instance deleted last week whose tap is gone: its agent warns
  "Found failed openvswitch port: tap..." and ovs-vswitchd "could not open network device tap...
  (No such device)" at every reconfiguration (harmless, and not the port of any build).
- Every boot's port update reaches the agent before nova plugs the VIF once ("Port ... not present
  in bridge br-int", "... was not found on the integration bridge ..."), then the port is wired.
- 10:31 the DHCP agent's AMQP connection resets for 2 s; 11:00 the L3 agent is restarted
  ("Logging enabled!").
- `ovs-vsctl show` has br-int, br-tun with vxlan ports and br-ex: no geneve, no OVN.

Every value is invented. The iteration lines of the OVS agent are DEBUG in Queens (INFO from
Wallaby on) and debug is off, so they are absent, as in a real Queens log."""

import os

from common import OsloLog, VlogLog, Tree, T, rng, uuid4, hex32, req, mac
from openstack import Flavor, vif_repr, tap
from site_files import host_files, df_rows

PYN = "/usr/lib/python2.7/dist-packages"
TZ = 1
FL = Flavor(PYN, False, TZ)                 # Queens: oslo.log 3.36, [req user project - default default]
D = "2019-07-10"
LOG_START = T(D, "07:00:03", 114)          # 08:00 local
COLLECT = T(D, "11:30:41")                 # 12:30 local
ZONE = ("BST", "Europe/London (BST, +0100)")
UNAME = ("4.15.0-54-generic", "#58-Ubuntu SMP Mon Jun 24 10:55:24 UTC 2019")
OVS_VER = "2.9.5"

R = rng("healthy-ovs-ids")
CTL, CMPS = "ctl-0", ("cmp-0", "cmp-1")
HOSTS = (CTL,) + CMPS
IPS = {"ctl-0": "192.0.2.90", "cmp-0": "192.0.2.91", "cmp-1": "192.0.2.92"}
TUN = {"ctl-0": "198.51.100.90", "cmp-0": "198.51.100.91", "cmp-1": "198.51.100.92"}
RABBIT = IPS[CTL]
ADMIN_USER, ADMIN_PROJECT = hex32(R), hex32(R)
NET, SUBNET = uuid4(R), uuid4(R)
VNI = 77
BOOT = {"ctl-0": T("2019-06-28", "06:40:11"), "cmp-0": T("2019-06-28", "06:58:02"),
        "cmp-1": T("2019-06-28", "07:01:37")}
PID_API, PID_COND, PID_SCHED, PID_NEUTRON = 2210, 2188, 2171, 2402
PID_COMPUTE = {"cmp-0": 2011, "cmp-1": 1987}
PID_AGENT = {"ctl-0": 2466, "cmp-0": 1902, "cmp-1": 1911}
PID_DHCP, PID_L3, PID_L3_NEW, PID_META = 2470, 2472, 31877, 2475
OVS_RESTART = T(D, "08:14:20", 402)        # cmp-1, 09:14:20 local
REPORT_BLIP = T(D, "07:52:40", 118)        # cmp-0, 08:52:40 local
AMQP_BLIP = T(D, "09:31:07", 520)          # ctl-0 DHCP agent
L3_RESTART = T(D, "10:00:12", 880)
STALE_PORT = uuid4(R)

BOOTS = [dict(name=n, host=h, id=uuid4(R), port=uuid4(R), mac=mac(R), ip=f"203.0.113.{40 + k}",
              t=T(D, hms, 311 + k), req=req(R))
         for k, (n, h, hms) in enumerate((("ci-1", "cmp-0", "07:40:12"), ("ci-2", "cmp-1", "09:02:51"),
                                          ("db-7", "cmp-0", "09:48:33"), ("ci-3", "cmp-1", "10:41:05")))]

OVS_AGENT = "neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent"


def py2_dict(d):
    """A Python 2 dict repr with u'' strings, in the order given (py2's hash order is arbitrary)."""
    def v(x):
        if isinstance(x, bool) or x is None or isinstance(x, int):
            return repr(x)
        if isinstance(x, list):
            return "[" + ", ".join(v(i) for i in x) + "]"
        if isinstance(x, dict):
            return py2_dict(x)
        return "u'%s'" % x
    return "{" + ", ".join(f"'{k}': {v(x)}" for k, x in d.items()) + "}"


def tb_report_timeout(msg_id):
    """Queens _report_state's LOG.exception("Failed reporting state!"): py2 traceback of the
    report_state RPC (neutron/agent/rpc.py PluginReportStateAPI.report_state)."""
    P = FL.p
    return [
        "Traceback (most recent call last):",
        f'  File "{P("neutron/plugins/ml2/drivers/openvswitch/agent/ovs_neutron_agent.py")}", line 310, in '
        "_report_state",
        "    True)",
        f'  File "{P("neutron/agent/rpc.py")}", line 93, in report_state',
        "    return method(context, 'report_state', **kwargs)",
        f'  File "{P("oslo_messaging/rpc/client.py")}", line 174, in call',
        "    retry=self.retry)",
        f'  File "{P("oslo_messaging/transport.py")}", line 131, in _send',
        "    timeout=timeout, retry=retry)",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 559, in send',
        "    retry=retry)",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 548, in _send',
        "    result = self._waiter.wait(msg_id, timeout)",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 440, in wait',
        "    message = self.waiters.get(msg_id, timeout=timeout)",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 328, in get',
        "    'to message ID %s' % msg_id)",
        f"MessagingTimeout: Timed out waiting for a reply to message ID {msg_id}",
        "",
    ]


class HealthyOvs:
    def __init__(self, outdir):
        self.outdir = outdir
        self.api, self.cond, self.sched, self.neutron = (OsloLog(TZ) for _ in range(4))
        self.dhcp, self.l3, self.meta = (OsloLog(TZ) for _ in range(3))
        self.cmp = {h: OsloLog(TZ) for h in CMPS}
        self.agent = {h: OsloLog(TZ) for h in HOSTS}
        self.vswitchd = {h: VlogLog(first) for h, first in zip(HOSTS, (1412, 988, 1021))}
        for lg in [self.api, self.cond, self.sched, self.neutron, self.dhcp, self.l3, self.meta] + \
                list(self.cmp.values()) + list(self.agent.values()) + list(self.vswitchd.values()):
            lg.window = (LOG_START, COLLECT)

    # ------------------------------------------------------------------ boots
    def boot(self, inst, r):
        I, P, h = inst["id"], inst["port"], inst["host"]
        u = FL.uctx(inst["req"], ADMIN_USER, ADMIN_PROJECT)
        # nova/api/openstack/requestlog.py is Rocky+; Queens' nova-api (eventlet wsgi) logs the
        # request line through nova.osapi_compute.wsgi.server
        self.api.log(inst["t"], PID_API, "INFO", "nova.osapi_compute.wsgi.server", u,
                     f'198.51.100.15 "POST /v2.1/servers HTTP/1.1" status: 202 len: 813 time: '
                     f'0.{r.randint(400000, 700000):07d}')
        sm = FL.p("nova/scheduler/filter_scheduler.py")
        self.sched.log(inst["t"] + 311, PID_SCHED, "DEBUG", "nova.scheduler.filter_scheduler", u,
                       f"Selected host: ({h}, {h}) ram: {60000 + r.randint(0, 9000)}MB disk: "
                       f"{r.randint(300, 500) * 1024}MB io_ops: 0 instances: {r.randint(3, 8)}",
                       instance=I, dbg=("_consume_selected_host", sm, 346))
        log, pid = self.cmp[h], PID_COMPUTE[h]
        t = inst["t"] + 1204
        log.log(t, pid, "INFO", "nova.compute.claims", u, f"Claim successful on node {h}", instance=I)
        log.log(t + 388, pid, "INFO", "nova.virt.libvirt.driver", u, "Creating image(s)", instance=I)
        # The port update RPC reaches the agent before nova plugs: ovs_lib.get_vifs_by_ids (INFO
        # "Port %(port_id)s not present in bridge %(br_name)s") and treat_devices_added_or_updated
        # (INFO "Port %s was not found on the integration bridge and will therefore not be
        # processed"), both neutron 12.x
        ag, apid = self.agent[h], PID_AGENT[h]
        actx = FL.pctx(req(r))
        ag.log(t + 1502, apid, "INFO", "neutron.agent.common.ovs_lib", actx,
               f"Port {P} not present in bridge br-int")
        ag.log(t + 1503, apid, "INFO", OVS_AGENT, actx,
               f"Port {P} was not found on the integration bridge and will therefore not be processed")
        # os_vif plug (INFO "Successfully plugged vif %s"); ovs-vswitchd bridge.c (INFO "bridge %s:
        # added interface %s on port %d")
        self.vswitchd[h].log(t + 3921, "bridge", "INFO", f"bridge br-int: added interface {tap(P)} on port "
                             f"{12 + BOOTS.index(inst)}")
        log.log(t + 3870, pid, "INFO", "os_vif", u, f"Successfully plugged vif {vif_repr(P, inst['mac'], NET, tap(P))}")
        det = py2_dict({"profile": {}, "network_qos_policy_id": None, "qos_policy_id": None,
                        "allowed_address_pairs": [], "admin_state_up": True, "network_id": NET,
                        "segmentation_id": VNI, "fixed_ips": [{"subnet_id": SUBNET, "ip_address": inst["ip"]}],
                        "device_owner": "compute:nova", "physical_network": None, "mac_address": inst["mac"],
                        "device": P, "port_security_enabled": True, "port_id": P, "network_type": "vxlan",
                        "security_groups": [uuid4(rng("hovs-sg"))]})
        ag.log(t + 4412, apid, "INFO", OVS_AGENT, actx, f"Port {P} updated. Details: {det}")
        ag.log(t + 4630, apid, "INFO", OVS_AGENT, actx,
               f"Configuration for devices up [u'{P}'] and devices down [] completed.")
        # neutron/notifiers/nova.py send_events (12.x: INFO "Nova event response: %s", the event
        # dict novaclient returned)
        ev = py2_dict({"server_uuid": I, "name": "network-vif-plugged", "status": "completed", "tag": P})
        self.neutron.log(t + 4901, PID_NEUTRON, "INFO", "neutron.notifiers.nova", "-",
                         f"Nova event response: {ev[:-1]}, 'code': 200}}")
        log.log(t + 6010, pid, "INFO", "nova.compute.manager", u,
                f"Took {5.4 + r.random():.2f} seconds to spawn the instance on the hypervisor.", instance=I)
        log.log(t + 6230, pid, "INFO", "nova.compute.manager", u,
                f"Took {6.5 + r.random():.2f} seconds to build instance.", instance=I)

    # ------------------------------------------------------------------ OVS
    def ovs(self, r):
        for h in HOSTS:
            v = self.vswitchd[h]
            t = LOG_START + 3000 + r.randint(0, 60000)
            while t < COLLECT:
                if h == "cmp-0":
                    # bridge.c iface_create / iface_do_create: WARN "could not open network
                    # device %s (%s)" for the stale Interface at every reconfiguration
                    v.log(t, "bridge", "WARN", f"could not open network device {tap(STALE_PORT)} (No such device)")
                if r.random() < 0.4:
                    v.log(t + 7, "connmgr", "INFO", f"br-int<->unix#{r.randint(100, 900)}: {r.randint(1, 12)} "
                          "flow_mods in the last 0 s (1 adds)")
                t += 1500000 + r.randint(0, 300000)
        # cmp-1: the restart (fatal-signal.c, then the new process: vlog's "opened log file",
        # bridge.c's version line once the daemon is up)
        v = self.vswitchd["cmp-1"]
        v.log(OVS_RESTART, "fatal_signal", "WARN", "terminating with signal 15 (Terminated)")
        t = OVS_RESTART + 2911
        v.restart(t)
        for dt, mod, msg in ((0, "vlog", "opened log file /var/log/openvswitch/ovs-vswitchd.log"),
                             (4, "ovs_numa", "Discovered 24 CPU cores on NUMA node 0"),
                             (4, "ovs_numa", "Discovered 1 NUMA nodes and 24 CPU cores"),
                             (5, "reconnect", "unix:/var/run/openvswitch/db.sock: connecting..."),
                             (6, "reconnect", "unix:/var/run/openvswitch/db.sock: connected"),
                             (61, "ofproto_dpif", "system@ovs-system: Datapath supports recirculation"),
                             (118, "bridge", "bridge br-int: added interface br-int on port 65534"),
                             (140, "bridge", "bridge br-int: using datapath ID 0000c2b1e8d0a74f"),
                             (212, "bridge", f"ovs-vswitchd (Open vSwitch) {OVS_VER}")):
            v.log(t + dt, mod, "INFO", msg)
        # cmp-1's agent (ovs-ofctl interface): neutron/agent/linux/utils.py execute logs the
        # failure (ERROR "Exit code: %(returncode)d; Stdin: ...; Stdout: ...; Stderr: ..."), then
        # ovs_lib.run_ofctl (ERROR "Unable to execute %(cmd)s. Exception: %(exception)s"), then
        # check_ovs_status (WARNING "OVS is dead. ..."); two loops of 2 s, then the restart
        ag, pid = self.agent["cmp-1"], PID_AGENT["cmp-1"]
        ctx = FL.pctx(req(rng("hovs-agentctx")))
        cmd = "['ovs-ofctl', 'dump-flows', '-O', 'OpenFlow10', 'br-int', 'table=23']"
        err = "Exit code: 1; Stdin: ; Stdout: ; Stderr: ovs-ofctl: br-int is not a bridge or a socket"
        for k in range(2):
            ta = OVS_RESTART + 611 + k * 2004
            ag.log(ta, pid, "ERROR", "neutron.agent.linux.utils", ctx, err)
            ag.raw(ta, "")
            ag.log(ta + 1, pid, "ERROR", "neutron.agent.common.ovs_lib", ctx,
                   f"Unable to execute {cmd}. Exception: {err}")
            ag.raw(ta + 1, "")
            ag.log(ta + 2, pid, "WARNING", OVS_AGENT, ctx,
                   "OVS is dead. OVSNeutronAgent will keep running and checking OVS status periodically.")
        tr = OVS_RESTART + 4619
        ag.log(tr, pid, "WARNING", OVS_AGENT, ctx, "OVS is restarted. OVSNeutronAgent will reset bridges and "
               "recover ports.")
        ag.log(tr + 212, pid, "INFO", OVS_AGENT, ctx, "Mapping physical network physnet1 to bridge br-ex")
        # cmp-0: the stale port (ovs_lib.get_vif_port_set, WARNING "Found failed openvswitch
        # port: %s", since Kilo) each time the agent scans its ports
        ag0, pid0 = self.agent["cmp-0"], PID_AGENT["cmp-0"]
        for b in BOOTS:
            if b["host"] == "cmp-0":
                ag0.log(b["t"] + 1204 + 4398, pid0, "WARNING", "neutron.agent.common.ovs_lib",
                        FL.pctx(req(r)), f"Found failed openvswitch port: {tap(STALE_PORT)}")
        # cmp-0's one failed state report, healed by the next (30 s)
        mid = hex32(r)
        ag0.exc(REPORT_BLIP, pid0, OVS_AGENT, "-", f"Failed reporting state!: MessagingTimeout: Timed out waiting "
                f"for a reply to message ID {mid}", tb_report_timeout(mid))
        ag0.log(REPORT_BLIP + 30004, pid0, "INFO", OVS_AGENT, "-",
                "Successfully reported state after a previous failure.")

    def network_node(self, r):
        # DHCP agent: neutron/agent/dhcp/agent.py sync_state (INFO "Synchronizing state" /
        # "Synchronizing state complete"), a 2-second AMQP reset (oslo.messaging 5.35 impl_rabbit)
        t = LOG_START + 41000
        while t < COLLECT:
            self.dhcp.log(t, PID_DHCP, "INFO", "neutron.agent.dhcp.agent", "-", "Synchronizing state")
            self.dhcp.log(t + 1204, PID_DHCP, "INFO", "neutron.agent.dhcp.agent", "-",
                          "Synchronizing state complete")
            t += 3600000 + r.randint(0, 9000)
        self.dhcp.log(AMQP_BLIP, PID_DHCP, "ERROR", "oslo.messaging._drivers.impl_rabbit", "-",
                      f"[{uuid4(r)}] AMQP server on {RABBIT}:5672 is unreachable: [Errno 104] Connection reset by "
                      "peer. Trying again in 1 seconds.: error: [Errno 104] Connection reset by peer")
        self.dhcp.log(AMQP_BLIP + 2071, PID_DHCP, "INFO", "oslo.messaging._drivers.impl_rabbit", "-",
                      f"[{uuid4(r)}] Reconnected to AMQP server on {RABBIT}:5672 via [amqp] client with port 51766.")
        # L3 agent: a router update now and then, a restart (neutron/common/config.py setup_logging
        # INFO "Logging enabled!", then "%(prog)s version %(version)s")
        router = uuid4(r)
        t = LOG_START + 900000
        while t < COLLECT:
            pid = PID_L3 if t < L3_RESTART else PID_L3_NEW
            self.l3.log(t, pid, "INFO", "neutron.agent.l3.agent", FL.pctx(req(r)),
                        f"Finished a router update for {router}, update_id {uuid4(r)}. Time elapsed: "
                        f"{r.random() + 0.3:.3f}")
            t += 2700000 + r.randint(0, 60000)
        self.l3.log(L3_RESTART, PID_L3_NEW, "INFO", "neutron.common.config", "-", "Logging enabled!")
        self.l3.log(L3_RESTART + 2, PID_L3_NEW, "INFO", "neutron.common.config", "-",
                    "/usr/bin/neutron-l3-agent version 12.1.1")
        self.l3.log(L3_RESTART + 2412, PID_L3_NEW, "INFO", "neutron.agent.l3.agent", "-",
                    "Agent has just been revived. Doing a full sync.")
        t = LOG_START + 72000
        while t < COLLECT:
            self.meta.log(t, PID_META, "INFO", "eventlet.wsgi.server", "-",
                          f'203.0.113.{r.randint(40, 60)},<local> "GET /openstack/latest/meta_data.json HTTP/1.1" '
                          f"status: 200  len: 1412 time: 0.{r.randint(100000, 900000):07d}")
            t += 1200000 + r.randint(0, 400000)

    def noise(self, r):
        # resource_tracker _report_final_resource_view (INFO until Rocky, DEBUG from Stein)
        for h in CMPS:
            log, pid = self.cmp[h], PID_COMPUTE[h]
            t = LOG_START + 21000 + CMPS.index(h) * 7000
            while t < COLLECT:
                log.log(t, pid, "INFO", "nova.compute.resource_tracker", FL.pctx(req(r)),
                        f"Final resource view: name={h} phys_ram=128829MB used_ram={20992 + 4096 * CMPS.index(h)}MB "
                        f"phys_disk=878GB used_disk={120 + 40 * CMPS.index(h)}GB total_vcpus=32 "
                        f"used_vcpus={10 + 2 * CMPS.index(h)} pci_stats=[]")
                t += 60000 + r.randint(0, 500)

    # ------------------------------------------------------------------ write
    def write(self):
        r = rng("healthy-ovs-story")
        for b in BOOTS:
            self.boot(b, r)
        self.ovs(r)
        self.network_node(r)
        self.noise(r)
        tr = Tree(os.path.join(self.outdir, "sosreport-ctl-0-2019-07-10-qwmzpta"))
        self.host(tr, CTL, 470617784, 98412004, (65773000, 21104120, 9121004, 240112, 35547876, 41412044))
        tr.text("var/log/nova/nova-api.log", self.api.render())
        tr.text("var/log/nova/nova-conductor.log", self.cond.render())
        tr.text("var/log/nova/nova-scheduler.log", self.sched.render())
        tr.text("var/log/neutron/neutron-server.log", self.neutron.render())
        tr.text("var/log/neutron/neutron-dhcp-agent.log", self.dhcp.render())
        tr.text("var/log/neutron/neutron-l3-agent.log", self.l3.render())
        tr.text("var/log/neutron/neutron-metadata-agent.log", self.meta.render())
        tr.text("etc/neutron/plugins/ml2/ml2_conf.ini",
                "[ml2]\ntype_drivers = flat,vlan,vxlan\ntenant_network_types = vxlan\n"
                "mechanism_drivers = openvswitch,l2population\n\n[ml2_type_vxlan]\nvni_ranges = 1:1000\n")
        self.ovs_files(tr, CTL)
        for h, suffix in (("cmp-0", "rkdbvna"), ("cmp-1", "xhqotzc")):
            tr = Tree(os.path.join(self.outdir, f"sosreport-{h}-2019-07-10-{suffix}"))
            self.host(tr, h, 920577784, 212412004 + CMPS.index(h) * 40000000,
                      (131921240, 31412004, 70124412, 98412, 30384824, 96412004))
            tr.text("var/log/nova/nova-compute.log", self.cmp[h].render())
            tr.text("etc/nova/nova.conf", f"[DEFAULT]\nhost = {h}\nmy_ip = {IPS[h]}\ntransport_url = *********\n\n"
                    "[libvirt]\nvirt_type = kvm\n")
            self.ovs_files(tr, h)

    def ovs_files(self, tr, h):
        tr.text("var/log/neutron/neutron-openvswitch-agent.log", self.agent[h].render())
        tr.text("var/log/openvswitch/ovs-vswitchd.log", self.vswitchd[h].render())
        of = "ovs-ofctl" if h == "cmp-1" else "native"
        tr.text("etc/neutron/plugins/ml2/openvswitch_agent.ini",
                f"[agent]\ntunnel_types = vxlan\nl2_population = True\n\n[ovs]\nlocal_ip = {TUN[h]}\n"
                f"bridge_mappings = physnet1:br-ex\nof_interface = {of}\n\n[securitygroup]\nfirewall_driver = "
                "openvswitch\n")
        br = [uuid4(rng("hovs-ovs" + h)), "    Manager \"ptcp:6640:127.0.0.1\"", "        is_connected: true",
              "    Bridge br-tun", "        Controller \"tcp:127.0.0.1:6633\"", "            is_connected: true",
              "        fail_mode: secure"]
        for o in HOSTS:
            if o != h:
                name = "vxlan-%08x" % int.from_bytes(bytes(int(x) for x in TUN[o].split(".")), "big")
                br += [f"        Port \"{name}\"", f"            Interface \"{name}\"", "                type: vxlan",
                       f"                options: {{df_default=\"true\", in_key=flow, local_ip=\"{TUN[h]}\", "
                       f"out_key=flow, remote_ip=\"{TUN[o]}\"}}"]
        br += ["        Port patch-int", "            Interface patch-int", "                type: patch",
               "                options: {peer=patch-tun}", "        Port br-tun", "            Interface br-tun",
               "                type: internal",
               "    Bridge br-int", "        Controller \"tcp:127.0.0.1:6633\"", "            is_connected: true",
               "        fail_mode: secure", "        Port int-br-ex", "            Interface int-br-ex",
               "                type: patch", "                options: {peer=phy-br-ex}",
               "        Port patch-tun", "            Interface patch-tun", "                type: patch",
               "                options: {peer=patch-int}"]
        for b in BOOTS:
            if b["host"] == h:
                br += [f"        Port \"{tap(b['port'])}\"", "            tag: 1",
                       f"            Interface \"{tap(b['port'])}\""]
        if h == "cmp-0":
            br += [f"        Port \"{tap(STALE_PORT)}\"", "            tag: 4095",
                   f"            Interface \"{tap(STALE_PORT)}\"",
                   f"                error: \"could not open network device {tap(STALE_PORT)} (No such device)\""]
        br += ["        Port br-int", "            Interface br-int", "                type: internal",
               "    Bridge br-ex", "        Controller \"tcp:127.0.0.1:6633\"", "            is_connected: true",
               "        fail_mode: secure", "        Port phy-br-ex", "            Interface phy-br-ex",
               "                type: patch", "                options: {peer=int-br-ex}",
               "        Port br-ex", "            Interface br-ex", "                type: internal",
               f"    ovs_version: \"{OVS_VER}\""]
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_show", "\n".join(br) + "\n")

    @staticmethod
    def host(tr, h, size, used, mem):
        host_files(tr, h, COLLECT, BOOT[h], *UNAME,
                   df_rows("/dev/sda2", size, used, [("/dev/sda1", 523248, 6220, 517028, "/boot/efi")], "udev"),
                   mem, sos="3.6", zone=ZONE, tz_h=TZ)
        tr.text("etc/timezone", "Europe/London\n")
