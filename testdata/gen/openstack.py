"""Message builders shared by both bundles: nova / neutron / OVN lines, with
the release-dependent parts (context bracket, python path) passed in by a
Flavor object."""

from common import fmt_oslo


class Flavor:
    """Release/deployment specifics.

    zed_bracket: oslo.log >= 4.8 bracket [GLOBAL LOCAL user project - - dom dom]
    """

    def __init__(self, pyn, zed_bracket, tz_h):
        self.pyn = pyn
        self.zed = zed_bracket
        self.tz_h = tz_h

    def uctx(self, req, user, project, greq=None):
        if self.zed:
            return f"{greq or 'None'} {req} {user} {project} - - default default"
        return f"{req} {user} {project} - default default"

    def pctx(self, req):
        if self.zed:
            return f"None {req} - - - - - -"
        return f"{req} - - - - -"

    def p(self, rel):
        return f"{self.pyn}/{rel}"


def tb_vif_timeout(fl, pyver):
    """Traceback of the Yoga+ VIF-plug timeout path (eventlet Timeout ->
    VirtualInterfaceCreateException)."""
    P = fl.p
    return [
        "Traceback (most recent call last):",
        f'  File "{P("nova/virt/libvirt/driver.py")}", line 7694, in _create_guest_with_network',
        "    with self.virtapi.wait_for_instance_event(",
        f'  File "/usr/lib/{pyver}/contextlib.py", line 142, in __exit__',
        "    next(self.gen)",
        f'  File "{P("nova/compute/manager.py")}", line 559, in wait_for_instance_event',
        "    self._wait_for_instance_events(",
        f'  File "{P("nova/compute/manager.py")}", line 471, in _wait_for_instance_events',
        "    actual_event = event.wait()",
        f'  File "{P("eventlet/event.py")}", line 125, in wait',
        "    result = hub.switch()",
        f'  File "{P("eventlet/hubs/hub.py")}", line 313, in switch',
        "    return self.greenlet.switch()",
        "eventlet.timeout.Timeout: 300 seconds",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        f'  File "{P("nova/compute/manager.py")}", line 2743, in _build_resources',
        "    yield resources",
        f'  File "{P("nova/compute/manager.py")}", line 2503, in _build_and_run_instance',
        "    self.driver.spawn(context, instance, image_meta,",
        f'  File "{P("nova/virt/libvirt/driver.py")}", line 4392, in spawn',
        "    self._create_guest_with_network(",
        f'  File "{P("nova/virt/libvirt/driver.py")}", line 7720, in _create_guest_with_network',
        "    raise exception.VirtualInterfaceCreateException()",
        "nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed",
        "",
    ]


def tb_vif_alloc(fl, pyver):
    """Traceback logged with 'Failed to allocate network(s)': the same
    exception, now seen from _build_and_run_instance through the
    _build_resources context manager."""
    P = fl.p
    t = tb_vif_timeout(fl, pyver)
    i = t.index("During handling of the above exception, another exception occurred:")
    return t[:i + 3] + [
        f'  File "{P("nova/compute/manager.py")}", line 2480, in _build_and_run_instance',
        "    with self._build_resources(context, instance,",
        f'  File "/usr/lib/{pyver}/contextlib.py", line 153, in __exit__',
        "    self.gen.throw(typ, value, traceback)",
    ] + t[i + 3:]


def tb_port_binding_failed_frames(fl, pyver):
    """(file, line, func, code) frames of the async network allocation that
    raises PortBindingFailed when spawn() reads network_info."""
    P = fl.p
    return [
        (P("nova/compute/manager.py"), 2743, "_build_resources", "yield resources"),
        (P("nova/compute/manager.py"), 2503, "_build_and_run_instance", "self.driver.spawn(context, instance, image_meta,"),
        (P("nova/virt/libvirt/driver.py"), 4366, "spawn", "xml = self._get_guest_xml(context, instance, network_info,"),
        (P("nova/virt/libvirt/driver.py"), 7233, "_get_guest_xml", "network_info_str = str(network_info)"),
        (P("nova/network/model.py"), 620, "__str__", "return self._sync_wrapper(fn, *args, **kwargs)"),
        (P("nova/network/model.py"), 603, "_sync_wrapper", "self.wait()"),
        (P("nova/network/model.py"), 635, "wait", "self[:] = self._gt.wait()"),
        (P("eventlet/greenthread.py"), 181, "wait", "return self._exit_event.wait()"),
        (P("eventlet/event.py"), 132, "wait", "current.throw(*self._exc)"),
        (P("eventlet/greenthread.py"), 221, "main", "result = function(*args, **kwargs)"),
        (P("nova/utils.py"), 656, "context_wrapper", "return func(*args, **kwargs)"),
        (P("nova/compute/manager.py"), 1982, "_allocate_network_async", "raise e"),
        (P("nova/compute/manager.py"), 1960, "_allocate_network_async", "nwinfo = self.network_api.allocate_for_instance("),
        (P("nova/network/neutron.py"), 1229, "allocate_for_instance", "created_port_ids = self._update_ports_for_instance("),
        (P("nova/network/neutron.py"), 1365, "_update_ports_for_instance", "with excutils.save_and_reraise_exception():"),
        (P("oslo_utils/excutils.py"), 227, "__exit__", "self.force_reraise()"),
        (P("oslo_utils/excutils.py"), 200, "force_reraise", "raise self.value"),
        (P("nova/network/neutron.py"), 1340, "_update_ports_for_instance", "updated_port = self._update_port("),
        (P("nova/network/neutron.py"), 585, "_update_port", "_ensure_no_port_binding_failure(port)"),
        (P("nova/network/neutron.py"), 294, "_ensure_no_port_binding_failure", "raise exception.PortBindingFailed(port_id=port['id'])"),
    ]


def frames_to_lines(frames):
    out = ["Traceback (most recent call last):"]
    for f, n, fn, code in frames:
        out.append(f'  File "{f}", line {n}, in {fn}')
        out.append(f"    {code}")
    return out


def pbf_msg(port):
    return f"Binding failed for port {port}, please check neutron logs for more information."


def tb_pbf_spawn(fl, pyver, port):
    return frames_to_lines(tb_port_binding_failed_frames(fl, pyver)) + [
        f"nova.exception.PortBindingFailed: {pbf_msg(port)}", ""]


def tb_pbf_build(fl, pyver, port):
    P = fl.p
    frames = [
        (P("nova/compute/manager.py"), 2480, "_build_and_run_instance", "with self._build_resources(context, instance,"),
        (f"/usr/lib/{pyver}/contextlib.py", 153, "__exit__", "self.gen.throw(typ, value, traceback)"),
    ] + tb_port_binding_failed_frames(fl, pyver)
    return frames_to_lines(frames) + [f"nova.exception.PortBindingFailed: {pbf_msg(port)}", ""]


def conductor_exc_list(fl, pyver, port, inst):
    """The python3 list of strings that nova-conductor prints in
    'Error from last host' (traceback.format_exception of the compute's
    RescheduledException, chained on PortBindingFailed)."""
    P = fl.p
    frames = [
        (P("nova/compute/manager.py"), 2503, "_build_and_run_instance", "self.driver.spawn(context, instance, image_meta,"),
    ] + tb_port_binding_failed_frames(fl, pyver)[2:]
    items = ["Traceback (most recent call last):\n"]
    for f, n, fn, code in frames:
        items.append(f'  File "{f}", line {n}, in {fn}\n    {code}\n')
    items.append(f"nova.exception.PortBindingFailed: {pbf_msg(port)}\n")
    items.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    items.append("Traceback (most recent call last):\n")
    items.append(f'  File "{P("nova/compute/manager.py")}", line 2326, in _do_build_and_run_instance\n'
                 "    self._build_and_run_instance(context, instance, image,\n")
    items.append(f'  File "{P("nova/compute/manager.py")}", line 2596, in _build_and_run_instance\n'
                 "    raise exception.RescheduledException(\n")
    items.append(f"nova.exception.RescheduledException: Build of instance {inst} was re-scheduled: {pbf_msg(port)}\n")
    return "[" + ", ".join(pyrepr(s) for s in items) + "]"


def pyrepr(s):
    """repr() of a python3 str (single quotes unless the text has one)."""
    return repr(s)


def tb_messaging_timeout(fl, msg_id, pyver):
    """The handled MessagingTimeout of a periodic task (same shape as real
    nova-compute logs): _queue.Empty chained into MessagingTimeout."""
    P = fl.p
    return [
        "Traceback (most recent call last):",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 441, in get',
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
        f'  File "{P("oslo_service/periodic_task.py")}", line 216, in run_periodic_tasks',
        "    task(self, context)",
        f'  File "{P("nova/compute/manager.py")}", line 10451, in update_available_resource',
        "    compute_nodes_in_db = self._get_compute_nodes_in_db(context,",
        f'  File "{P("nova/compute/manager.py")}", line 10483, in _get_compute_nodes_in_db',
        "    return objects.ComputeNodeList.get_all_by_host(context, self.host,",
        f'  File "{P("oslo_versionedobjects/base.py")}", line 175, in wrapper',
        "    result = cls.indirection_api.object_class_action_versions(",
        f'  File "{P("nova/conductor/rpcapi.py")}", line 240, in object_class_action_versions',
        "    return cctxt.call(context, 'object_class_action_versions',",
        f'  File "{P("oslo_messaging/rpc/client.py")}", line 190, in call',
        "    result = self.transport._send(",
        f'  File "{P("oslo_messaging/transport.py")}", line 123, in _send',
        "    return self._driver.send(target, ctxt, message,",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 689, in send',
        "    return self._send(target, ctxt, message, wait_for_reply, timeout,",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 678, in _send',
        "    result = self._waiter.wait(msg_id, timeout,",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 567, in wait',
        "    message = self.waiters.get(msg_id, timeout=timeout)",
        f'  File "{P("oslo_messaging/_drivers/amqpdriver.py")}", line 443, in get',
        "    raise oslo_messaging.MessagingTimeout(",
        f"oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID {msg_id}",
        "",
    ]


def vif_repr(port, mac, net, tap, active=False):
    return (f"VIFOpenVSwitch(active={active},address={mac},bridge_name='br-int',has_traffic_filtering=True,"
            f"id={port},network=Network({net}),plugin='ovs',port_profile=VIFPortProfileOpenVSwitch,"
            f"preserve_on_delete=False,vif_name='{tap}')")


def bound_port_msg(port, host, seg, vni):
    return (f"Bound port: {port}, host: {host}, vif_type: ovs, vif_details: {{\"port_filter\": true, "
            f"\"connectivity\": \"l2\", \"bridge_name\": \"br-int\", \"datapath_type\": \"system\"}}, "
            f"binding_levels: [{{'bound_driver': 'ovn', 'bound_segment': {{'id': '{seg}', 'network_type': 'geneve', "
            f"'physical_network': None, 'segmentation_id': {vni}}}}}]")


def segments_repr(seg, vni):
    return f"[{{'id': '{seg}', 'network_type': 'geneve', 'physical_network': None, 'segmentation_id': {vni}}}]"


def nova_event(server, name, port, code=None):
    d = f"{{'server_uuid': '{server}', 'name': '{name}', 'status': 'completed', 'tag': '{port}'"
    if code is not None:
        d += f", 'code': {code}"
    return d + "}"


def tap(port):
    return "tap" + port[:11]
