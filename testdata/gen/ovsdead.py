"""incident-ovs-agent-dead: three Ubuntu 20.04 sos reports of a kolla-ansible Yoga cloud (container
layout var/log/kolla/<svc>/, ML2/OVS, the kolla default), ctl-0 (control and network node), cmp-0
(availability zone az-a) and cmp-1 (az-b, the only host there), zone America/Sao_Paulo (-03, no
daylight saving since 2019). The oslo services log local time; Open vSwitch logs UTC.

Story (the ML2/OVS chain): at 10:12:40 local an operator stops the openvswitch_vswitchd container
on cmp-1 for a maintenance and forgets to start it again (ovs-vswitchd.log: "terminating with
signal 15 (Terminated)"; ovsdb-server stays up). The OVS agent there loses its OpenFlow switch: its
next canary check waits of_connect_timeout (300 s) and logs "Switch connection timeout", "Failed to
communicate with the switch" and "OVS is dead. ...", and from then on every state report is
skipped ("OVS is down, not reporting state to server", every 30 s). neutron-server counts the agent
dead after agent_down_time ("Agent healthcheck: found 1 dead agents out of 7", whose heartbeat
column is UTC from the database). At 10:41 a boot of "etl-4" into az-b: ML2's openvswitch driver
logs "Refusing to bind port ... to dead agent: {...}", the binding fails, nova-compute on cmp-1
raises PortBindingFailed, the conductor has no alternate host in az-b and gives up with
MaxRetriesExceeded. Noise: boots that succeed before (cmp-1, 09:31) and after (cmp-0, 10:52),
a single failed state report of cmp-0's agent at 09:05 that the next report heals (a blip), the
DHCP, L3 and metadata agents on ctl-0. The OVS agents' per-iteration INFO lines ("Agent rpc_loop -
iteration:N started/completed", every 2 s in real logs) are thinned to one iteration in 15 to keep
the bundle small; their numbering is the real one. Every value is invented."""

import os

from common import OsloLog, VlogLog, Tree, T, rng, uuid4, hex32, req, mac
from openstack import Flavor, tb_pbf_spawn, tb_pbf_build, conductor_exc_list, pbf_msg, vif_repr, nova_event, tap
from site_files import host_files, df_rows

PYN = "/var/lib/kolla/venv/lib/python3.8/site-packages"   # kolla Yoga ubuntu-source images (focal)
PYVER = "python3.8"
TZ = -3
FL = Flavor(PYN, False, TZ)               # Yoga: oslo.log 4.7, the bracket without the global id
D = "2025-09-16"
LOG_START = T(D, "12:00:02", 311)         # 09:00 local
COLLECT = T(D, "14:05:22")                # 11:05 local
ZONE = ("-03", "America/Sao_Paulo (-03, -0300)")
UNAME = ("5.4.0-216-generic", "#236-Ubuntu SMP Fri Apr 11 19:53:21 UTC 2025")
LOGS = "var/log/kolla/"

R = rng("ovsdead-ids")
CTL, CMPS = "ctl-0", ("cmp-0", "cmp-1")
HOSTS = (CTL,) + CMPS
IPS = {"ctl-0": "192.0.2.80", "cmp-0": "192.0.2.81", "cmp-1": "192.0.2.82"}
TUN = {"ctl-0": "198.51.100.80", "cmp-0": "198.51.100.81", "cmp-1": "198.51.100.82"}
AZ = {"cmp-0": "az-a", "cmp-1": "az-b"}
RABBIT = IPS[CTL]
ADMIN_USER, ADMIN_PROJECT = hex32(R), hex32(R)
NOVA_USER, SERVICE_PROJECT = hex32(R), hex32(R)
NET, SEG, SUBNET = uuid4(R), uuid4(R), uuid4(R)
VNI = 1045
AGENT_ID = {h: uuid4(R) for h in HOSTS}
DPID = {"ctl-0": "00005e0b8a435a8e", "cmp-0": "0000a2c41d6e9b47", "cmp-1": "00002e9f0c71b5d3"}
BOOT = {"ctl-0": T("2025-08-02", "14:20:11"), "cmp-0": T("2025-08-02", "14:41:52"),
        "cmp-1": T("2025-08-02", "14:44:07")}
PID_API, PID_COND, PID_SCHED, PID_NEUTRON = 24, 23, 23, 27
PID_COMPUTE = {"cmp-0": 7, "cmp-1": 7}
PID_AGENT = {"ctl-0": 8, "cmp-0": 8, "cmp-1": 8}
PID_DHCP, PID_L3, PID_META = 8, 8, 9
OVS_STOP = T(D, "13:12:40", 118)          # 10:12:40 local
LAST_REPORT = OVS_STOP + 300000 - 9200    # cmp-1's last report before its first failed canary check
BLIP = T(D, "12:05:12", 640)              # cmp-0's one failed report (09:05 local)

OK_BEFORE = dict(name="web-9", host="cmp-1", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="203.0.113.49",
                 t=T(D, "12:31:44", 402), req=req(R))
BAD = dict(name="etl-4", host="cmp-1", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="203.0.113.52",
           t=T(D, "13:41:07", 58), req=req(R))
OK_AFTER = dict(name="etl-5", host="cmp-0", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="203.0.113.53",
                t=T(D, "13:52:20", 771), req=req(R))


def segments(seg):
    """managers.py _bind_port_level's segments: the network's segment dicts (NetworkSegment)."""
    return (f"[{{'id': '{seg}', 'network_type': 'vxlan', 'physical_network': None, "
            f"'segmentation_id': {VNI}, 'network_id': '{NET}'}}]")


def agent_dict(host, heartbeat_utc):
    """neutron/db/agents_db.py _make_agent_dict (20.x): the API attribute map's order, then alive,
    configurations, resource_versions; availability_zone and resources_synced keep their place."""
    return (f"{{'id': '{AGENT_ID[host]}', 'agent_type': 'Open vSwitch agent', 'binary': "
            f"'neutron-openvswitch-agent', 'topic': 'N/A', 'host': '{host}', 'admin_state_up': True, "
            "'created_at': datetime.datetime(2025, 8, 2, 17, 48, 21), 'started_at': "
            f"datetime.datetime(2025, 8, 2, 17, 48, 21), 'heartbeat_timestamp': datetime.datetime{heartbeat_utc}, "
            "'description': None, 'resources_synced': None, 'availability_zone': None, 'alive': False, "
            "'configurations': {'arp_responder_enabled': False, 'enable_distributed_routing': False, "
            "'bridge_mappings': {'physnet1': 'br-ex'}, 'devices': 6, 'extensions': [], 'integration_bridge': "
            f"'br-int', 'l2_population': False, 'log_agent_heartbeats': False, 'ovs_capabilities': "
            "{'datapath_types': ['netdev', 'system'], 'iface_types': ['bareudp', 'erspan', 'geneve', 'gre', "
            "'internal', 'ip6erspan', 'ip6gre', 'lisp', 'patch', 'stt', 'system', 'tap', 'vxlan']}, "
            "'ovs_hybrid_plug': False, 'resource_provider_bandwidths': {}, 'resource_provider_hypervisors': {}, "
            f"'tunnel_types': ['vxlan'], 'tunneling_ip': '{TUN[host]}'}}, 'resource_versions': {{}}}}")


def utc_tuple(ms):
    from common import _dt_of
    d, _ = _dt_of(ms)
    return f"({d.year}, {d.month}, {d.day}, {d.hour}, {d.minute}, {d.second})"


def utc_plain(ms):
    from common import _dt_of
    d, _ = _dt_of(ms)
    return d.strftime("%Y-%m-%d %H:%M:%S")


def tb_canary(ovs_agent_dir):
    """check_canary_table (native br_int.py) LOG.exception after _get_dp_by_dpid raised
    RuntimeError("Switch connection timeout") (native ofswitch.py, of_connect_timeout)."""
    P = FL.p
    n = P(ovs_agent_dir + "openflow/native/")
    return [
        "Traceback (most recent call last):",
        f'  File "{n}br_int.py", line 165, in check_canary_table',
        "    flows = self.dump_flows(constants.CANARY_TABLE)",
        f'  File "{n}ofswitch.py", line 168, in dump_flows',
        "    (dp, ofp, ofpp) = self._get_dp()",
        f'  File "{n}ovs_bridge.py", line 72, in _get_dp',
        "    ctx.reraise = False",
        f'  File "{P("oslo_utils/excutils.py")}", line 227, in __exit__',
        "    self.force_reraise()",
        f'  File "{P("oslo_utils/excutils.py")}", line 200, in force_reraise',
        "    raise self.value",
        f'  File "{n}ovs_bridge.py", line 56, in _get_dp',
        "    dp = self._get_dp_by_dpid(self._cached_dpid)",
        f'  File "{n}ofswitch.py", line 81, in _get_dp_by_dpid',
        "    raise RuntimeError(m)",
        "RuntimeError: Switch connection timeout",
        "",
    ]


def tb_report_timeout(msg_id):
    """_report_state's LOG.exception("Failed reporting state!") over a report_state RPC that timed
    out (neutron/agent/rpc.py PluginReportStateAPI.report_state -> oslo.messaging call)."""
    P = FL.p
    return [
        "Traceback (most recent call last):",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 433, in get',
        "    return self._queues[msg_id].get(block=True, timeout=timeout)",
        f'  File "{P("eventlet/queue.py")}", line 322, in get',
        "    return waiter.wait()",
        f'  File "{P("eventlet/queue.py")}", line 141, in wait',
        "    return get_hub().switch()",
        f'  File "{P("eventlet/hubs/hub.py")}", line 313, in switch',
        "    return self.greenlet.switch()",
        "_queue.Empty",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        f'  File "{P("neutron/plugins/ml2/drivers/openvswitch/agent/ovs_neutron_agent.py")}", line 419, '
        "in _report_state",
        "    agent_status = self.state_rpc.report_state(self.context,",
        f'  File "{P("neutron/agent/rpc.py")}", line 105, in report_state',
        "    return method(context, 'report_state', **kwargs)",
        f'  File "{P("neutron_lib/rpc.py")}", line 157, in call',
        "    return self._original_context.call(ctxt, method, **kwargs)",
        f'  File "{P("oslo_messaging/rpc/client.py")}", line 189, in call',
        "    result = self.transport._send(",
        f'  File "{P("oslo_messaging/transport.py")}", line 123, in _send',
        "    return self._driver.send(target, ctxt, message,",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 689, in send',
        "    return self._send(target, ctxt, message, wait_for_reply, timeout,",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 678, in _send',
        "    result = self._waiter.wait(msg_id, timeout,",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 567, in wait',
        "    message = self.waiters.get(msg_id, timeout=timeout)",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 435, in get',
        "    raise oslo_messaging.MessagingTimeout(",
        f"oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID {msg_id}",
        "",
    ]


OVS_AGENT = "neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent"
OFSWITCH = "neutron.plugins.ml2.drivers.openvswitch.agent.openflow.native.ofswitch"
BR_INT = "neutron.plugins.ml2.drivers.openvswitch.agent.openflow.native.br_int"


class OvsDead:
    def __init__(self, outdir):
        self.outdir = outdir
        self.api, self.cond, self.sched, self.neutron = (OsloLog(TZ) for _ in range(4))
        self.dhcp, self.l3, self.meta = (OsloLog(TZ) for _ in range(3))
        self.cmp = {h: OsloLog(TZ) for h in CMPS}
        self.agent = {h: OsloLog(TZ) for h in HOSTS}
        self.vswitchd = {h: VlogLog(first) for h, first in zip(HOSTS, (2212, 1840, 1911))}
        for lg in [self.api, self.cond, self.sched, self.neutron, self.dhcp, self.l3, self.meta] + \
                list(self.cmp.values()) + list(self.agent.values()) + list(self.vswitchd.values()):
            lg.window = (LOG_START, COLLECT)

    # ------------------------------------------------------------------ the OVS agents
    def agents(self, r):
        for h in HOSTS:
            log, pid = self.agent[h], PID_AGENT[h]
            ctx = FL.pctx(req(rng("ovsdead-agentctx" + h)))
            # rpc_loop: INFO "Agent rpc_loop - iteration:%d started" and loop_count_and_wait's
            # "Agent rpc_loop - iteration:%(iter_num)d completed. Processed ports statistics:
            # %(port_stats)s. Elapsed:%(elapsed).3f" (ovs_neutron_agent.py, 20.x); thinned 1 in 15
            it = 1_612_000 + HOSTS.index(h) * 4417
            t = LOG_START + r.randint(0, 2000)
            stop = OVS_STOP + 300000 - 9200 if h == "cmp-1" else COLLECT
            while t < stop:
                if it % 15 == 0:
                    log.log(t, pid, "INFO", OVS_AGENT, ctx, f"Agent rpc_loop - iteration:{it} started")
                    log.log(t + 9 + r.randint(0, 30), pid, "INFO", OVS_AGENT, ctx,
                            f"Agent rpc_loop - iteration:{it} completed. Processed ports statistics: "
                            "{'regular': {'added': 0, 'updated': 0, 'removed': 0}}. "
                            f"Elapsed:0.{r.randint(8, 60):03d}")
                it += 1
                t += 2000 + r.randint(0, 12)
            if h == "cmp-1":
                self.ovs_dead(log, pid, ctx, it, t, r)
        # cmp-0's blip: one report_state RPC timed out (rpc_response_timeout 60 s), the next one
        # 30 s later went through: ERROR "Failed reporting state!" (LOG.exception: oslo.log appends
        # the error summary) and INFO "Successfully reported state after a previous failure."
        log, pid = self.agent["cmp-0"], PID_AGENT["cmp-0"]
        mid = hex32(r)
        log.exc(BLIP, pid, OVS_AGENT, "-",
                f"Failed reporting state!: oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a "
                f"reply to message ID {mid}", tb_report_timeout(mid))
        log.log(BLIP + 30012, pid, "INFO", OVS_AGENT, "-", "Successfully reported state after a previous failure.")

    def ovs_dead(self, log, pid, ctx, it, t, r):
        """cmp-1 from the first canary check after ovs-vswitchd stopped: every rpc_loop iteration
        waits of_connect_timeout (300 s) in _get_dp_by_dpid, then check_ovs_status reports OVS
        dead; _report_state skips every report from then on (ERROR, Victoria+)."""
        first = True
        while t < COLLECT:
            log.log(t, pid, "INFO", OVS_AGENT, ctx, f"Agent rpc_loop - iteration:{it} started")
            te = t + 300000 + r.randint(2, 40)
            if te >= COLLECT:
                break
            log.log(te, pid, "ERROR", OFSWITCH, ctx, "Switch connection timeout")
            log.exc(te + 3, pid, BR_INT, ctx, "Failed to communicate with the switch: RuntimeError: Switch "
                    "connection timeout", tb_canary("neutron/plugins/ml2/drivers/openvswitch/agent/"))
            log.log(te + 5, pid, "WARNING", OVS_AGENT, ctx,
                    "OVS is dead. OVSNeutronAgent will keep running and checking OVS status periodically.")
            log.log(te + 6, pid, "INFO", OVS_AGENT, ctx,
                    f"Agent rpc_loop - iteration:{it} completed. Processed ports statistics: "
                    f"{{'regular': {{'updated': 0, 'added': 0, 'removed': 0}}}}. Elapsed:{(te + 6 - t) / 1000:.3f}")
            if first:
                tr = LAST_REPORT + 30000
                while tr < COLLECT:
                    if tr > te:
                        log.log(tr, pid, "ERROR", OVS_AGENT, "-", "OVS is down, not reporting state to server")
                    tr += 30000 + r.randint(0, 8)
                first = False
            it += 1
            t = te + 8

    def vswitchd_logs(self, r):
        """ovs-vswitchd.log (UTC): memory and rconn noise; on cmp-1 fatal-signal.c's
        "terminating with signal %d (%s)" (sys_siglist's name on focal's glibc 2.31)."""
        for h in HOSTS:
            v = self.vswitchd[h]
            t = LOG_START + 4100 + r.randint(0, 20000)
            while t < COLLECT:
                if h == "cmp-1" and t > OVS_STOP:
                    break
                if r.random() < 0.3:
                    v.log(t, "connmgr", "INFO", f"br-int<->tcp:127.0.0.1:6633: {r.randint(1, 9)} flow_mods "
                          "in the last 0 s (1 adds)")
                t += 600000 + r.randint(0, 120000)
        v = self.vswitchd["cmp-1"]
        v.log(OVS_STOP, "fatal_signal", "WARN", "terminating with signal 15 (Terminated)")

    # ------------------------------------------------------------------ neutron-server
    def server(self, r):
        # agents_db.py agent_health_check (WARNING, a multi-line message: oslo.log prefixes the
        # first line only); the heartbeat column is the database's naive UTC datetime.
        t = LAST_REPORT + 75000 + 21000
        while t < COLLECT:
            data = ("%20s %20s %s\n" % ("Type", "Last heartbeat", "host") +
                    "%20s %20s %s" % ("Open vSwitch agent", utc_plain(LAST_REPORT), "cmp-1"))
            self.neutron.log(t, PID_NEUTRON, "WARNING", "neutron.db.agents_db", "-",
                             "Agent healthcheck: found 1 dead agents out of 7:")
            for line in data.split("\n"):
                self.neutron.raw(t, line)
            t += 37000 + r.randint(0, 40)

    # ------------------------------------------------------------------ nova
    def api_post(self, inst, r):
        u = FL.uctx(inst["req"], ADMIN_USER, ADMIN_PROJECT)
        self.api.log(inst["t"], PID_API, "INFO", "nova.api.openstack.requestlog", u,
                     f'198.51.100.14 "POST /v2.1/servers" status: 202 len: 403 microversion: 2.90 '
                     f'time: 0.{r.randint(380000, 620000):06d}')
        return u

    def schedule(self, inst, u, t, r):
        I, h = inst["id"], inst["host"]
        sm = FL.p("nova/scheduler/manager.py")
        # nova/scheduler/manager.py select_destinations / _consume_selected_host (DEBUG, 25.x)
        self.sched.log(t, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                       f"Starting to schedule for instances: ['{I}']", dbg=("select_destinations", sm, 141))
        self.sched.log(t + 204, PID_SCHED, "DEBUG", "nova.scheduler.manager", u,
                       f"Selected host: ({h}, {h}) ram: {41000 + r.randint(0, 9000)}MB disk: "
                       f"{r.randint(600, 800) * 1024}MB io_ops: 0 instances: {r.randint(4, 9)}",
                       instance=I, dbg=("_consume_selected_host", sm, 538))

    def compute_start(self, inst, u, t):
        I, h = inst["id"], inst["host"]
        log, pid = self.cmp[h], PID_COMPUTE[h]
        log.log(t, pid, "INFO", "nova.compute.claims", u, f"Claim successful on node {h}", instance=I)
        log.log(t + 71, pid, "DEBUG", "nova.compute.manager", u,
                "Start building networks asynchronously for instance.", instance=I,
                dbg=("_build_resources", FL.p("nova/compute/manager.py"), 2641))
        log.log(t + 402, pid, "INFO", "nova.virt.libvirt.driver", u, "Creating image(s)", instance=I)

    def boot_ok(self, inst, r):
        I, P, h = inst["id"], inst["port"], inst["host"]
        u = self.api_post(inst, r)
        self.schedule(inst, u, inst["t"] + 330, r)
        t = inst["t"] + 1190
        self.compute_start(inst, u, t)
        log, pid = self.cmp[h], PID_COMPUTE[h]
        # os_vif/__init__.py plug (INFO "Successfully plugged vif %s")
        log.log(t + 4102, pid, "INFO", "os_vif", u, f"Successfully plugged vif {vif_repr(P, inst['mac'], NET, tap(P))}")
        # ovs_neutron_agent.py treat_devices_added_or_updated (INFO "Port %(device)s updated.
        # Details: %(details)s", the dict of ml2/rpc.py get_device_details) and
        # _update_port_info_failed_devices_stats' caller (INFO "Configuration for devices up
        # %(up)s and devices down %(down)s completed.")
        ag, apid = self.agent[h], PID_AGENT[h]
        actx = FL.pctx(req(r))
        det = (f"{{'device': '{P}', 'network_id': '{NET}', 'port_id': '{P}', 'mac_address': '{inst['mac']}', "
               f"'admin_state_up': True, 'network_type': 'vxlan', 'segmentation_id': {VNI}, 'physical_network': "
               f"None, 'mtu': 1450, 'fixed_ips': [{{'subnet_id': '{SUBNET}', 'ip_address': '{inst['ip']}'}}], "
               f"'device_owner': 'compute:{AZ[h]}', 'allowed_address_pairs': [], 'port_security_enabled': True, "
               "'qos_policy_id': None, 'network_qos_policy_id': None, 'profile': {}, "
               "'propagate_uplink_status': False}")
        ag.log(t + 4690, apid, "INFO", OVS_AGENT, actx, f"Port {P} updated. Details: {det}")
        ag.log(t + 5112, apid, "INFO", OVS_AGENT, actx,
               f"Configuration for devices up ['{P}'] and devices down [] completed.")
        # neutron/notifiers/nova.py send_events (INFO "%s response: %s")
        self.neutron.log(t + 5380, PID_NEUTRON, "INFO", "neutron.notifiers.nova", "-",
                         f"Nova event matching ['{req(r)}'] response: {nova_event(I, 'network-vif-plugged', P, 200)}")
        log.log(t + 6690, pid, "INFO", "nova.compute.manager", u,
                "Took 6.84 seconds to spawn the instance on the hypervisor.", instance=I)
        log.log(t + 6790, pid, "INFO", "nova.compute.manager", u, "Took 7.61 seconds to build instance.", instance=I)

    def boot_fail(self, r):
        inst = BAD
        I, P, h = inst["id"], inst["port"], inst["host"]
        u = self.api_post(inst, r)
        self.schedule(inst, u, inst["t"] + 341, r)
        t = inst["t"] + 1170
        self.compute_start(inst, u, t)
        nctx = f"{req(r)} {NOVA_USER} {SERVICE_PROJECT} - default default"
        tb = t + 1012
        # mech_agent.py AgentMechanismDriverBase.bind_port (WARNING, 20.x) and managers.py
        # _bind_port_level's caller _bind_port (ERROR "Failed to bind port %(port)s on host
        # %(host)s for vnic_type %(vnic_type)s using segments %(segments)s")
        self.neutron.log(tb, PID_NEUTRON, "WARNING", "neutron.plugins.ml2.drivers.mech_agent", nctx,
                         f"Refusing to bind port {P} to dead agent: {agent_dict(h, utc_tuple(LAST_REPORT))}")
        self.neutron.log(tb + 38, PID_NEUTRON, "ERROR", "neutron.plugins.ml2.managers", nctx,
                         f"Failed to bind port {P} on host {h} for vnic_type normal using segments {segments(SEG)}")
        log, pid = self.cmp[h], PID_COMPUTE[h]
        t_fs = tb + 1311
        log.exc(t_fs, pid, "nova.compute.manager", u, f"Instance failed to spawn: nova.exception.PortBindingFailed: "
                f"{pbf_msg(P)}", tb_pbf_spawn(FL, PYVER, P), instance=I)
        log.log(t_fs + 231, pid, "INFO", "nova.virt.libvirt.driver", "-", "Instance destroyed successfully.",
                instance=I)
        t_fb = t_fs + 702
        log.exc(t_fb, pid, "nova.compute.manager", u, f"Failed to build and run instance: "
                f"nova.exception.PortBindingFailed: {pbf_msg(P)}", tb_pbf_build(FL, PYVER, P), instance=I)
        log.log(t_fb + 88, pid, "DEBUG", "nova.compute.manager", u, f"Build of instance {I} was re-scheduled: "
                f"{pbf_msg(P)}", instance=I, dbg=("_do_build_and_run_instance", FL.p("nova/compute/manager.py"), 2280))
        # nova/scheduler/utils.py populate_retry / set_vm_state_and_notify (conductor): no
        # alternate host in az-b
        tc = t_fb + 431
        self.cond.log(tc, PID_COND, "ERROR", "nova.scheduler.utils", u,
                      f"Error from last host: {h} (node {h}): {conductor_exc_list(FL, PYVER, P, I)}", instance=I)
        self.cond.log(tc + 51, PID_COND, "WARNING", "nova.scheduler.utils", u,
                      "Failed to compute_task_build_instances: Exceeded maximum number of retries. Exhausted all "
                      f"hosts available for retrying build failures for instance {I}.", instance=I)
        self.cond.log(tc + 52, PID_COND, "WARNING", "nova.scheduler.utils", u, "Setting instance to ERROR state.",
                      instance=I)

    def noise(self, r):
        pt, rt = FL.p("oslo_service/periodic_task.py"), FL.p("nova/compute/resource_tracker.py")
        for h in CMPS:
            log, pid = self.cmp[h], PID_COMPUTE[h]
            t = LOG_START + 14000 + CMPS.index(h) * 9000
            while t < COLLECT:
                ctx = FL.pctx(req(r))
                log.log(t, pid, "DEBUG", "oslo_service.periodic_task", ctx,
                        "Running periodic task ComputeManager.update_available_resource",
                        dbg=("run_periodic_tasks", pt, 210))
                log.log(t + 12, pid, "DEBUG", "nova.compute.resource_tracker", ctx,
                        f"Auditing locally available compute resources for {h} (node: {h})",
                        dbg=("update_available_resource", rt, 864))
                t += 60000 + r.randint(0, 400)
        # DHCP, L3 and metadata agents on ctl-0: benign lines of neutron/agent/dhcp/agent.py
        # (INFO "Synchronizing state" / "Synchronizing state complete") and l3 (INFO "Finished
        # a router update for %s, update_id %s. Time elapsed: %.3f")
        t = LOG_START + 31000
        while t < COLLECT:
            self.dhcp.log(t, PID_DHCP, "INFO", "neutron.agent.dhcp.agent", "-", "Synchronizing state")
            self.dhcp.log(t + 912, PID_DHCP, "INFO", "neutron.agent.dhcp.agent", "-", "Synchronizing state complete")
            t += 1800000 + r.randint(0, 4000)
        t = LOG_START + 600000
        router = uuid4(r)
        while t < COLLECT:
            self.l3.log(t, PID_L3, "INFO", "neutron.agent.l3.agent", FL.pctx(req(r)),
                        f"Finished a router update for {router}, update_id {uuid4(r)}. Time elapsed: "
                        f"{r.random() + 0.4:.3f}")
            t += 2400000 + r.randint(0, 90000)
        # neutron/agent/metadata/agent.py (INFO, eventlet wsgi): one request line now and then
        t = LOG_START + 52000
        while t < COLLECT:
            self.meta.log(t, PID_META, "INFO", "eventlet.wsgi.server", "-",
                          f'203.0.113.{r.randint(20, 60)},<local> "GET /latest/meta-data/ HTTP/1.1" status: 200  '
                          f"len: 297 time: 0.{r.randint(10000, 90000):07d}")
            t += 900000 + r.randint(0, 300000)

    # ------------------------------------------------------------------ write
    def write(self):
        r = rng("ovsdead-story")
        self.boot_ok(OK_BEFORE, r)
        self.boot_fail(r)
        self.boot_ok(OK_AFTER, r)
        self.agents(r)
        self.vswitchd_logs(r)
        self.server(r)
        self.noise(r)
        tr = Tree(os.path.join(self.outdir, "sosreport-ctl-0-2025-09-16-mfkqzra"))
        self.host(tr, CTL, 959863856, 312204112, (131870408, 52120412, 30112048, 412004, 49637948, 76412220))
        tr.text(LOGS + "nova/nova-api.log", self.api.render())
        tr.text(LOGS + "nova/nova-conductor.log", self.cond.render())
        tr.text(LOGS + "nova/nova-scheduler.log", self.sched.render())
        tr.text(LOGS + "neutron/neutron-server.log", self.neutron.render())
        tr.text(LOGS + "neutron/neutron-dhcp-agent.log", self.dhcp.render())
        tr.text(LOGS + "neutron/neutron-l3-agent.log", self.l3.render())
        tr.text(LOGS + "neutron/neutron-metadata-agent.log", self.meta.render())
        self.ovs_files(tr, CTL)
        tr.text("etc/kolla/neutron-server/ml2_conf.ini",
                "[ml2]\ntype_drivers = flat,vlan,vxlan\ntenant_network_types = vxlan\n"
                "mechanism_drivers = openvswitch,l2population\nextension_drivers = port_security\n\n"
                "[ml2_type_vxlan]\nvni_ranges = 1:1000\n")
        for h, suffix in (("cmp-0", "pcxwlnb"), ("cmp-1", "zdtrqvo")):
            tr = Tree(os.path.join(self.outdir, f"sosreport-{h}-2025-09-16-{suffix}"))
            self.host(tr, h, 1872842752, 512204816 if h == "cmp-0" else 498120112,
                      (263812204, 101412004, 120124412, 98412, 42275788, 158412004))
            tr.text(LOGS + "nova/nova-compute.log", self.cmp[h].render())
            tr.text("etc/kolla/nova-compute/nova.conf", f"[DEFAULT]\nhost = {h}\nmy_ip = {IPS[h]}\n"
                    "transport_url = *********\n\n[libvirt]\nvirt_type = kvm\n")
            self.ovs_files(tr, h)

    def ovs_files(self, tr, h):
        tr.text(LOGS + "neutron/neutron-openvswitch-agent.log", self.agent[h].render())
        tr.text(LOGS + "openvswitch/ovs-vswitchd.log", self.vswitchd[h].render())
        tr.text("etc/kolla/neutron-openvswitch-agent/openvswitch_agent.ini",
                f"[agent]\ntunnel_types = vxlan\nl2_population = true\n\n[ovs]\nlocal_ip = {TUN[h]}\n"
                "bridge_mappings = physnet1:br-ex\nof_connect_timeout = 300\n")
        up = "Up 6 weeks"
        vsw = "Exited (0) 52 minutes ago" if h == "cmp-1" else up
        rows = [("openvswitch_vswitchd", vsw), ("openvswitch_db", up), ("neutron_openvswitch_agent", up)]
        if h != CTL:
            rows = [("nova_compute", up), ("nova_libvirt", up), ("nova_ssh", up)] + rows
        out = "CONTAINER ID   IMAGE                                                        COMMAND                  " \
              "CREATED        STATUS                       PORTS     NAMES\n"
        rr = rng("ovsdead-docker" + h)
        for name, status in rows:
            image = f"quay.io/openstack.kolla/ubuntu-source-{name.replace('_', '-')}:yoga"
            out += (f"{'%012x' % rr.getrandbits(48)}   {image:<60} \"dumb-init --single-…\"   6 weeks ago    "
                    f"{status:<28} {'':9} {name}\n")
        tr.text("sos_commands/docker/docker_ps_-a", out)

    @staticmethod
    def host(tr, h, size, used, mem):
        host_files(tr, h, COLLECT, BOOT[h], *UNAME,
                   df_rows("/dev/mapper/ubuntu--vg-ubuntu--lv", size, used,
                           [("/dev/sda2", 1992552, 261424, 1609888, "/boot"),
                            ("/dev/sda1", 1098628, 6220, 1092408, "/boot/efi")], "udev"), mem, sos="4.5.6",
                   zone=ZONE, tz_h=TZ)
        tr.text("etc/timezone", "America/Sao_Paulo\n")
