"""incident-vif-wrong-bridge: three RHEL 7.9 sos reports of a TripleO OSP 13 cloud (Queens: nova 17,
neutron 12, Open vSwitch 2.9, python 2.7, containers: var/log/containers/<svc>/, puppet-generated
configuration under var/lib/config-data/puppet-generated/), ML2/OVS with the openvswitch firewall
driver, controller-0, compute-0 and compute-1, UTC. nova and neutron name the computes by their
FQDN (compute-1.localdomain), the reports by the short name.

Story (the ML2/OVS port chain): compute-1 was added on 03-15 for the "edge" availability zone with
a role environment file that carried `nova::network::neutron::neutron_ovs_bridge: br-ex` (meant for
something else), so its nova.conf says `[neutron] ovs_bridge = br-ex`. In Queens neutron's OVS
driver sends no bridge_name in the binding's vif_details (only trunk ports get one; from Stein the
agent's integration_bridge is sent), so nova falls back to that option and plugs every VIF of
compute-1 into br-ex, the provider bridge. The OVS agent there watches br-int: it gets the port
update, does not find the port ("Port ... not present in bridge br-int", "... was not found on the
integration bridge and will therefore not be processed"), never wires it and never reports it up;
nova waits 300 s for network-vif-plugged ("Timeout waiting for [('network-vif-plugged', u'...')]
..."), raises VirtualInterfaceCreateException, unplugs the VIF and reschedules; the "edge" zone has
no other host and the conductor gives up (MaxRetriesExceeded). ovs-vswitchd's own log on compute-1
says where the VIF went: "bridge br-ex: added interface tap... on port 5" and later "deleted
interface". A boot on compute-0 (zone nova, default ovs_bridge) at 09:12 works. Every value is
invented."""

import os

from common import OsloLog, VlogLog, Tree, T, rng, uuid4, hex32, req, mac
from openstack import Flavor, tap
from site_files import host_files, df_rows

PYN = "/usr/lib/python2.7/site-packages"
FL = Flavor(PYN, False, 0)                  # Queens: oslo.log 3.36
D = "2021-03-18"
LOG_START = T(D, "08:00:01", 207)
COLLECT = T(D, "10:41:33")
UNAME = ("3.10.0-1160.15.2.el7.x86_64", "#1 SMP Thu Jan 21 16:15:07 EST 2021")
OVS_VER = "2.9.0"
C = "var/log/containers/"
PG = "var/lib/config-data/puppet-generated/"

R = rng("wrongbridge-ids")
CTL, CMPS = "controller-0", ("compute-0", "compute-1")
FQDN = {h: h + ".localdomain" for h in (CTL,) + CMPS}
IPS = {"controller-0": "192.0.2.110", "compute-0": "192.0.2.111", "compute-1": "192.0.2.112"}
TUN = {"controller-0": "198.51.100.110", "compute-0": "198.51.100.111", "compute-1": "198.51.100.112"}
AZ = {"compute-0": "nova", "compute-1": "edge"}
ADMIN_USER, ADMIN_PROJECT = hex32(R), hex32(R)
NET, SUBNET = uuid4(R), uuid4(R)
VNI = 58
BOOT = {"controller-0": T("2021-02-02", "11:10:41"), "compute-0": T("2021-02-02", "11:31:09"),
        "compute-1": T("2021-03-15", "14:02:56")}
PID_API, PID_COND, PID_SCHED, PID_NEUTRON = 24, 22, 23, 31
PID_COMPUTE = {"compute-0": 8, "compute-1": 8}
PID_AGENT = {"controller-0": 9, "compute-0": 9, "compute-1": 9}
OFPORT = {"compute-0": 41, "compute-1": 5}

OK = dict(name="web-1", host="compute-0", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="203.0.113.71",
          t=T(D, "09:12:40", 118), req=req(R))
BAD = dict(name="edge-1", host="compute-1", id=uuid4(R), port=uuid4(R), mac=mac(R), ip="203.0.113.72",
           t=T(D, "10:03:11", 902), req=req(R))

OVS_AGENT = "neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent"


def vif(port, mac_, bridge):
    """os_vif plug's INFO "Successfully plugged vif %s": the VIFOpenVSwitch object's repr with the
    bridge nova chose (vif_details' bridge_name, else [neutron] ovs_bridge)."""
    return (f"VIFOpenVSwitch(active=False,address={mac_},bridge_name='{bridge}',has_traffic_filtering=True,"
            f"id={port},network=Network({NET}),plugin='ovs',port_profile=VIFPortProfileOpenVSwitch,"
            f"preserve_on_delete=False,vif_name='{tap(port)}')")


def frames(files):
    out = ["Traceback (most recent call last):"]
    for f, n, fn, code in files:
        out += [f'  File "{FL.p(f)}", line {n}, in {fn}', f"    {code}"]
    return out


def tb_vif_create():
    """nova 17 libvirt driver: spawn -> _create_domain_and_network raises
    VirtualInterfaceCreateException after the event timeout (vif_plugging_is_fatal)."""
    return frames([
        ("nova/compute/manager.py", 2249, "_build_resources", "yield resources"),
        ("nova/compute/manager.py", 2032, "_build_and_run_instance", "block_device_info=block_device_info)"),
        ("nova/virt/libvirt/driver.py", 3107, "spawn", "destroy_disks_on_failure=True)"),
        ("nova/virt/libvirt/driver.py", 5667, "_create_domain_and_network",
         "raise exception.VirtualInterfaceCreateException()"),
    ]) + ["VirtualInterfaceCreateException: Virtual Interface creation failed", ""]


def conductor_exc(inst):
    """nova/scheduler/utils.py populate_retry's 'Error from last host: %(last_host)s (node
    %(last_node)s): %(exc)s' with the compute's py2 traceback list (u'' strings)."""
    items = ["Traceback (most recent call last):\n",
             f'  File "{FL.p("nova/compute/manager.py")}", line 1863, in _do_build_and_run_instance\n'
             "    filter_properties, request_spec)\n",
             f'  File "{FL.p("nova/compute/manager.py")}", line 2143, in _build_and_run_instance\n'
             "    instance_uuid=instance.uuid, reason=six.text_type(e))\n",
             f"RescheduledException: Build of instance {inst} was re-scheduled: Virtual Interface creation failed\n"]
    return "[" + ", ".join("u" + repr(s) for s in items) + "]"


class WrongBridge:
    def __init__(self, outdir):
        self.outdir = outdir
        self.api, self.cond, self.sched, self.neutron = (OsloLog(0) for _ in range(4))
        self.cmp = {h: OsloLog(0) for h in CMPS}
        self.agent = {h: OsloLog(0) for h in (CTL,) + CMPS}
        self.vswitchd = {h: VlogLog(first) for h, first in zip((CTL,) + CMPS, (2411, 1733, 118))}
        for lg in [self.api, self.cond, self.sched, self.neutron] + list(self.cmp.values()) + \
                list(self.agent.values()) + list(self.vswitchd.values()):
            lg.window = (LOG_START, COLLECT)

    def boot(self, inst, r):
        I, P, h = inst["id"], inst["port"], inst["host"]
        bad = inst is BAD
        u = FL.uctx(inst["req"], ADMIN_USER, ADMIN_PROJECT)
        self.api.log(inst["t"], PID_API, "INFO", "nova.osapi_compute.wsgi.server", u,
                     f'198.51.100.16 "POST /v2.1/servers HTTP/1.1" status: 202 len: 813 time: '
                     f'0.{r.randint(400000, 700000):07d}')
        self.sched.log(inst["t"] + 288, PID_SCHED, "DEBUG", "nova.scheduler.filter_scheduler", u,
                       f"Selected host: ({FQDN[h]}, {FQDN[h]}) ram: {90000 + r.randint(0, 9000)}MB disk: "
                       f"{r.randint(300, 500) * 1024}MB io_ops: 0 instances: {0 if bad else 7}", instance=I,
                       dbg=("_consume_selected_host", FL.p("nova/scheduler/filter_scheduler.py"), 346))
        log, pid = self.cmp[h], PID_COMPUTE[h]
        t = inst["t"] + 1121
        log.log(t, pid, "INFO", "nova.compute.claims", u, f"Claim successful on node {FQDN[h]}", instance=I)
        log.log(t + 402, pid, "INFO", "nova.virt.libvirt.driver", u, "Creating image(s)", instance=I)
        # the port update reaches the agent before the VIF is plugged (ovs_lib.get_vifs_by_ids and
        # treat_devices_added_or_updated, INFO, neutron 12.x)
        ag, apid = self.agent[h], PID_AGENT[h]
        actx = FL.pctx(req(r))
        ag.log(t + 1490, apid, "INFO", "neutron.agent.common.ovs_lib", actx, f"Port {P} not present in bridge br-int")
        ag.log(t + 1491, apid, "INFO", OVS_AGENT, actx,
               f"Port {P} was not found on the integration bridge and will therefore not be processed")
        bridge = "br-ex" if bad else "br-int"
        tp = t + 3902
        # bridge.c (2.9) VLOG_INFO "bridge %s: added interface %s on port %d"
        self.vswitchd[h].log(tp + 55, "bridge", "INFO", f"bridge {bridge}: added interface {tap(P)} on port {OFPORT[h]}")
        log.log(tp, pid, "INFO", "os_vif", u, f"Successfully plugged vif {vif(P, inst['mac'], bridge)}")
        if not bad:
            det = ("{'profile': {}, 'network_qos_policy_id': None, 'qos_policy_id': None, 'allowed_address_pairs': "
                   f"[], 'admin_state_up': True, 'network_id': u'{NET}', 'segmentation_id': {VNI}, 'fixed_ips': "
                   f"[{{'subnet_id': u'{SUBNET}', 'ip_address': u'{inst['ip']}'}}], 'device_owner': u'compute:nova', "
                   f"'physical_network': None, 'mac_address': u'{inst['mac']}', 'device': u'{P}', "
                   f"'port_security_enabled': True, 'port_id': u'{P}', 'network_type': u'vxlan', "
                   f"'security_groups': [u'{uuid4(rng('wb-sg'))}']}}")
            ag.log(tp + 612, apid, "INFO", OVS_AGENT, actx, f"Port {P} updated. Details: {det}")
            ag.log(tp + 840, apid, "INFO", OVS_AGENT, actx,
                   f"Configuration for devices up [u'{P}'] and devices down [] completed.")
            ev = (f"{{u'status': u'completed', u'tag': u'{P}', u'name': u'network-vif-plugged', u'server_uuid': "
                  f"u'{I}', u'code': 200}}")
            self.neutron.log(tp + 1104, PID_NEUTRON, "INFO", "neutron.notifiers.nova", "-", f"Nova event response: {ev}")
            log.log(tp + 2290, pid, "INFO", "nova.compute.manager", u,
                    "Took 7.12 seconds to spawn the instance on the hypervisor.", instance=I)
            log.log(tp + 2488, pid, "INFO", "nova.compute.manager", u, "Took 8.03 seconds to build instance.",
                    instance=I)
            return
        # libvirt driver _create_domain_and_network (nova 17): WARNING in the Timeout handler, so
        # oslo.log appends the active exception ("Timeout: 300 seconds", py2 names)
        tw = tp + 300000 + 311
        log.log(tw, pid, "WARNING", "nova.virt.libvirt.driver", u,
                f"Timeout waiting for [('network-vif-plugged', u'{P}')] for instance with vm_state building and "
                "task_state spawning.: Timeout: 300 seconds", instance=I)
        self.vswitchd[h].log(tw + 402, "bridge", "INFO", f"bridge br-ex: deleted interface {tap(P)} on port {OFPORT[h]}")
        log.log(tw + 1203, pid, "INFO", "nova.virt.libvirt.driver", "-", "Instance destroyed successfully.", instance=I)
        log.exc(tw + 1890, pid, "nova.compute.manager", u,
                "Instance failed to spawn: VirtualInterfaceCreateException: Virtual Interface creation failed",
                tb_vif_create(), instance=I)
        log.log(tw + 2011, pid, "DEBUG", "nova.compute.manager", u,
                f"Build of instance {I} was re-scheduled: Virtual Interface creation failed", instance=I,
                dbg=("_do_build_and_run_instance", FL.p("nova/compute/manager.py"), 1939))
        tc = tw + 2412
        self.cond.log(tc, PID_COND, "ERROR", "nova.scheduler.utils", u,
                      f"Error from last host: {FQDN[h]} (node {FQDN[h]}): {conductor_exc(I)}", instance=I)
        self.cond.log(tc + 44, PID_COND, "WARNING", "nova.scheduler.utils", u,
                      "Failed to compute_task_build_instances: Exceeded maximum number of retries. Exhausted all "
                      f"hosts available for retrying build failures for instance {I}.", instance=I)
        self.cond.log(tc + 45, PID_COND, "WARNING", "nova.scheduler.utils", u, "Setting instance to ERROR state.",
                      instance=I)

    def noise(self, r):
        for h in CMPS:
            log, pid = self.cmp[h], PID_COMPUTE[h]
            t = LOG_START + 19000 + CMPS.index(h) * 8000
            while t < COLLECT:
                log.log(t, pid, "INFO", "nova.compute.resource_tracker", FL.pctx(req(r)),
                        f"Final resource view: name={FQDN[h]} phys_ram=195049MB used_ram="
                        f"{(30208 if h == 'compute-0' else 4096)}MB phys_disk=558GB used_disk="
                        f"{(160 if h == 'compute-0' else 0)}GB total_vcpus=48 used_vcpus="
                        f"{(14 if h == 'compute-0' else 0)} pci_stats=[]")
                t += 60000 + r.randint(0, 400)
        # neutron-server's API log: nova-compute's _heal_instance_info_cache asks for the ports of
        # one instance every 60 s (neutron/wsgi.py through eventlet.wsgi: INFO '%(client_ip)s
        # "%(request_line)s" status: %(status_code)s  len: %(body_length)s time: %(wall_seconds).7f')
        nova_user, service_project = hex32(rng("wb-nova-user")), hex32(rng("wb-service-project"))
        t = LOG_START + 31000
        while t < COLLECT:
            dev = OK["id"] if t > OK["t"] else uuid4(rng("wb-old-instance"))
            self.neutron.log(t, PID_NEUTRON, "INFO", "neutron.wsgi", FL.uctx(req(r), nova_user, service_project),
                             f'{IPS["compute-0"]},{IPS[CTL]} "GET /v2.0/ports?tenant_id={ADMIN_PROJECT}&device_id='
                             f'{dev} HTTP/1.1" status: 200  len: {1180 + r.randint(0, 30)} time: '
                             f'0.{r.randint(300000, 900000):07d}')
            t += 60000 + r.randint(0, 900)
        for h in (CTL,) + CMPS:
            v = self.vswitchd[h]
            t = LOG_START + 2000 + r.randint(0, 90000)
            while t < COLLECT:
                if r.random() < 0.5:
                    v.log(t, "connmgr", "INFO", f"br-int<->tcp:127.0.0.1:6633: {r.randint(1, 12)} flow_mods in the "
                          "last 0 s (1 adds)")
                t += 1200000 + r.randint(0, 200000)
        # the agents' periodic INFO of neutron 12 security groups refresh (securitygroups_rpc.py
        # "Refresh firewall rules") after each boot's port update
        for inst in (OK, BAD):
            h = inst["host"]
            self.agent[h].log(inst["t"] + 1121 + 1600, PID_AGENT[h], "INFO", "neutron.agent.securitygroups_rpc",
                              FL.pctx(req(r)), "Refresh firewall rules")

    def write(self):
        r = rng("wrongbridge-story")
        self.boot(OK, r)
        self.boot(BAD, r)
        self.noise(r)
        tr = Tree(os.path.join(self.outdir, "sosreport-controller-0-2021-03-18-bqvxazt"))
        self.host(tr, CTL, 104806400, 41204880, (65773000, 41104120, 4121004, 940112, 20547876, 21412044))
        tr.text(C + "nova/nova-api.log", self.api.render())
        tr.text(C + "nova/nova-conductor.log", self.cond.render())
        tr.text(C + "nova/nova-scheduler.log", self.sched.render())
        tr.text(C + "neutron/server.log", self.neutron.render())
        tr.text(PG + "neutron/etc/neutron/plugins/ml2/ml2_conf.ini",
                "[ml2]\ntype_drivers = vxlan,vlan,flat,gre\ntenant_network_types = vxlan\n"
                "mechanism_drivers = openvswitch\nextension_drivers = qos,port_security\n")
        self.ovs_files(tr, CTL)
        for h, suffix in (("compute-0", "kjhwqpe"), ("compute-1", "tnvcxmo")):
            tr = Tree(os.path.join(self.outdir, f"sosreport-{h}-2021-03-18-{suffix}"))
            self.host(tr, h, 104806400, 28120412 + CMPS.index(h) * 1000000,
                      (196406404, 38412004, 120124412, 98412, 37869988, 152412004))
            tr.text(C + "nova/nova-compute.log", self.cmp[h].render())
            nc = f"[DEFAULT]\nhost = {FQDN[h]}\nmy_ip = {IPS[h]}\ntransport_url = *********\n"
            nc += "default_availability_zone = nova\n\n[libvirt]\nvirt_type = kvm\n\n[neutron]\n"
            nc += "url = http://192.0.2.100:9696\nauth_type = v3password\n"
            if h == "compute-1":
                nc += "ovs_bridge = br-ex\n"
            tr.text(PG + "nova_libvirt/etc/nova/nova.conf", nc)
            self.ovs_files(tr, h)

    def ovs_files(self, tr, h):
        tr.text(C + "neutron/openvswitch-agent.log", self.agent[h].render())
        tr.text("var/log/openvswitch/ovs-vswitchd.log", self.vswitchd[h].render())
        tr.text(PG + "neutron/etc/neutron/plugins/ml2/openvswitch_agent.ini",
                f"[agent]\ntunnel_types = vxlan\nl2_population = False\n\n[ovs]\nintegration_bridge = br-int\n"
                f"local_ip = {TUN[h]}\nbridge_mappings = datacentre:br-ex\n\n[securitygroup]\n"
                "firewall_driver = openvswitch\n")
        br = [uuid4(rng("wb-ovs" + h)), '    Manager "ptcp:6640:127.0.0.1"', "        is_connected: true",
              "    Bridge br-ex", '        Controller "tcp:127.0.0.1:6633"', "            is_connected: true",
              "        fail_mode: secure", "        Port phy-br-ex", "            Interface phy-br-ex",
              "                type: patch", "                options: {peer=int-br-ex}",
              '        Port "eth2"', '            Interface "eth2"', "        Port br-ex",
              "            Interface br-ex", "                type: internal",
              "    Bridge br-int", '        Controller "tcp:127.0.0.1:6633"', "            is_connected: true",
              "        fail_mode: secure", "        Port int-br-ex", "            Interface int-br-ex",
              "                type: patch", "                options: {peer=phy-br-ex}"]
        if h == "compute-0":
            br += [f'        Port "{tap(OK["port"])}"', "            tag: 1", f'            Interface "{tap(OK["port"])}"']
        br += ["        Port br-int", "            Interface br-int", "                type: internal",
               f'    ovs_version: "{OVS_VER}"']
        tr.text("sos_commands/openvswitch/ovs-vsctl_-t_5_show", "\n".join(br) + "\n")

    @staticmethod
    def host(tr, h, size, used, mem):
        host_files(tr, h, COLLECT, BOOT[h], *UNAME,
                   df_rows("/dev/vda2", size, used, [("/dev/vda1", 1038336, 180412, 857924, "/boot")]),
                   mem, sos="3.9")
        tr.text("etc/hostname", FQDN[h] + "\n")
