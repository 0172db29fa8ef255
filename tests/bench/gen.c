/* tests/bench/gen.c - deterministic generator of a multi-host OpenStack sos bundle for `make bench`.
 *
 *   gen --out DIR [--size BYTES] [--computes N]
 *
 * Writes one controller report (ctl-1) and N compute reports (cmp-1..cmp-N), unpacked, of about
 * BYTES bytes in all (default 1 GiB): oslo.log files of nova and neutron with tracebacks, OVN/OVS
 * vlog, syslog and kernel logs over one day, plus the identity and resource command outputs. The
 * incident of testdata/incident-ovn-chassis (ovn-controller on cmp-1 cannot reach the Southbound
 * DB; a VIF plug timeout and a PortBindingFailed follow) is buried in the noise: its key lines are
 * copied verbatim from the testdata. Same arguments, same bytes: splitmix64 with a fixed seed, no
 * clock. C11 and libc only.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- PRNG (splitmix64), output buffer, files ----------------------------------------- */
static uint64_t rs;
static uint64_t rnd(void)
{
    uint64_t z = (rs += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static unsigned rn(unsigned n) { return (unsigned)(((rnd() >> 32) * n) >> 32); }

#define BUFSZ (1u << 22)
static char buf[BUFSZ];
static size_t blen;
static FILE *out;
static uint64_t fbytes; /* bytes written to the current file */

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "gen: %s %s: %s\n", what, arg, strerror(errno));
    exit(2);
}
static void flush(void)
{
    if (blen && fwrite(buf, 1, blen, out) != blen) die("write", "");
    fbytes += blen, blen = 0;
}
static void put(const char *s, size_t n) { memcpy(buf + blen, s, n); blen += n; }
static void puts_(const char *s) { put(s, strlen(s)); }
static void num(unsigned long v, int width) /* decimal, zero-padded to width */
{
    char t[24];
    int n = 0;
    do t[n++] = (char)('0' + v % 10); while (v /= 10);
    while (n < width) t[n++] = '0';
    while (n) buf[blen++] = t[--n];
}
static void hex(char *d, int n)
{
    for (int i = 0; i < n; i += 16)
        for (uint64_t v = rnd(), j = 0; j < 16 && i + (int)j < n; j++, v >>= 4) d[i + (int)j] = "0123456789abcdef"[v & 15];
}
static void mkuuid(char *d)
{
    hex(d, 36);
    d[8] = d[13] = d[18] = d[23] = '-', d[14] = '4', d[19] = "89ab"[rnd() & 3], d[36] = 0;
}
static void open_file(const char *dir, const char *rel)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    for (char *s = p + 1; *s; s++) /* mkdir -p of the parent folders */
        if (*s == '/') { *s = 0; if (mkdir(p, 0755) && errno != EEXIST) die("mkdir", p); *s = '/'; }
    if (!(out = fopen(p, "wb"))) die("open", p);
    fbytes = 0;
}
static void close_file(void)
{
    flush();
    if (fclose(out)) die("close", "");
}
static void write_text(const char *dir, const char *rel, const char *text)
{
    open_file(dir, rel), puts_(text), close_file();
}

/* ---- pools: the cloud's instances (each with its port and MAC), networks, users -------- */
#define NI 240
static char inst[NI][37], port[NI][37], mac[NI][18], net[6][37], user[10][33], proj[10][33], prov[16][37];
static int ncomp = 4;

static void make_pools(void)
{
    for (int i = 0; i < NI; i++) {
        mkuuid(inst[i]), mkuuid(port[i]);
        snprintf(mac[i], sizeof mac[i], "fa:16:3e:%02x:%02x:%02x", rn(256), rn(256), rn(256));
    }
    for (int i = 0; i < 6; i++) mkuuid(net[i]);
    for (int i = 0; i < 10; i++) hex(user[i], 32), hex(proj[i], 32);
    for (int i = 0; i < 16; i++) mkuuid(prov[i]);
}

/* ---- vocabulary ---------------------------------------------------------------------------
 * oslo templates are "LCi|logger|message": L level (D I W E), C context (R request, G request
 * with a global id, P periodic task, N none), i the [instance: ...] prefix or '.'. In messages:
 * %i %p %m %t %n the record's instance, port, MAC, tap, network; %u a new uuid; %x a new 32-hex
 * id and %X the same again; %h a compute; %H this host; %v its resource provider; %d 0-99;
 * %D 1000-90999; %s 1-16; %f a duration; %a an instance address; %k the kernel clock. The first
 * templates of each list are the most frequent. */
#define PY "/usr/lib/python3/dist-packages/"
static const char *const T_NOVA[] = {
    "DP.|oslo_service.periodic_task|Running periodic task ComputeManager._poll_rebooting_instances run_periodic_tasks " PY "oslo_service/periodic_task.py:210",
    "DR.|oslo_concurrency.lockutils|Acquiring lock \"%i\" by \"nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance\" inner " PY "oslo_concurrency/lockutils.py:404",
    "DR.|oslo_concurrency.lockutils|Lock \"%i\" acquired by \"nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance\" :: waited 0.00%ds inner " PY "oslo_concurrency/lockutils.py:409",
    "DR.|oslo_concurrency.lockutils|Lock \"%i\" \"released\" by \"nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance\" :: held %fs inner " PY "oslo_concurrency/lockutils.py:423",
    "DN.|oslo_messaging._drivers.amqpdriver|received message with unique_id: %x __call__ " PY "oslo_messaging/_drivers/amqpdriver.py:304",
    "DR.|oslo_messaging._drivers.amqpdriver|CALL msg_id: %x exchange 'nova' topic 'conductor' _send " PY "oslo_messaging/_drivers/amqpdriver.py:674",
    "DN.|oslo_messaging._drivers.amqpdriver|received reply msg_id: %X __call__ " PY "oslo_messaging/_drivers/amqpdriver.py:442",
    "DR.|nova.objects.instance|Lazy-loading 'flavor' on Instance uuid %i obj_load_attr " PY "nova/objects/instance.py:1099",
    "IN.|oslo.messaging._drivers.impl_rabbit|[%u] Reconnected to AMQP server on 192.0.2.10:5672 via [amqp] client with port %D.",
    "WN.|oslo.service.loopingcall|Function 'nova.servicegroup.drivers.db.DbDriver._report_state' run outlasted interval by 0.%d sec",
    NULL};
static const char *const T_API[] = {
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/servers/detail?all_tenants=True HTTP/1.1\" status: 200 len: %D time: 0.%D",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/servers/%i HTTP/1.1\" status: 200 len: %D time: 0.%D",
    "DR.|nova.api.openstack.wsgi|Calling method '<bound method ServersController.detail of <nova.api.openstack.compute.servers.ServersController object at 0x7f3a5c1d2e50>>' _process_stack " PY "nova/api/openstack/wsgi.py:513",
    "DR.|nova.api.openstack.wsgi|Calling method '<bound method ServersController.show of <nova.api.openstack.compute.servers.ServersController object at 0x7f3a5c1d2e50>>' _process_stack " PY "nova/api/openstack/wsgi.py:513",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/flavors/detail HTTP/1.1\" status: 200 len: %D time: 0.0%D",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/servers/%i/os-interface HTTP/1.1\" status: 200 len: %D time: 0.%D",
    "DN.|nova.api.openstack.placement.requestlog|Starting request: 192.0.2.%d \"GET /v2.1/os-hypervisors/detail\" __call__ " PY "nova/api/openstack/requestlog.py:60",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/os-hypervisors/detail HTTP/1.1\" status: 200 len: %D time: 0.%D",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/limits HTTP/1.1\" status: 200 len: %D time: 0.0%D",
    "DR.|nova.compute.api|Fetching instance by UUID get " PY "nova/compute/api.py:2978",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"POST /v2.1/os-server-external-events HTTP/1.1\" status: 200 len: %D time: 0.%D",
    "IR.|nova.api.openstack.compute.server_external_events|Creating event network-vif-plugged:%p for instance %i on %h",
    "DR.|nova.api.openstack.wsgi|Action: 'create', calling method: <bound method ServerExternalEventsController.create of <nova.api.openstack.compute.server_external_events.ServerExternalEventsController object at 0x7f3a5c0e9b10>>, body: {\"events\": [{\"name\": \"network-vif-plugged\", \"server_uuid\": \"%i\", \"status\": \"completed\", \"tag\": \"%p\"}]} _process_stack " PY "nova/api/openstack/wsgi.py:511",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"POST /v2.1/servers HTTP/1.1\" status: 202 len: %D time: %f",
    "DR.|nova.api.openstack.wsgi|Action: 'create', calling method: <bound method ServersController.create of <nova.api.openstack.compute.servers.ServersController object at 0x7f3a5c1d2e50>>, body: {\"server\": {\"name\": \"web-%d\", \"imageRef\": \"%u\", \"flavorRef\": \"m1.small\", \"networks\": [{\"uuid\": \"%n\"}]}} _process_stack " PY "nova/api/openstack/wsgi.py:511",
    "DR.|nova.compute.api|Going to run 1 instances... _provision_instances " PY "nova/compute/api.py:1091",
    "DRi|nova.compute.api|block_device_mapping [BlockDeviceMapping(attachment_id=<?>,boot_index=0,connection_info=None,delete_on_termination=True,destination_type='local',device_name=None,device_type='disk',disk_bus=None,guest_format=None,id=<?>,image_id='%u',instance=<?>,instance_uuid=<?>,no_device=False,snapshot_id=None,source_type='image',tag=None,updated_at=<?>,uuid=<?>,volume_id=None,volume_size=None,volume_type=None)] _bdm_validate_set_size_and_instance " PY "nova/compute/api.py:1098",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"DELETE /v2.1/servers/%i HTTP/1.1\" status: 204 len: 0 time: 0.%D",
    "DRi|nova.compute.api|Going to try to terminate instance _delete " PY "nova/compute/api.py:2479",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/os-availability-zone/detail HTTP/1.1\" status: 200 len: %D time: 0.0%D",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/servers/%i/os-instance-actions HTTP/1.1\" status: 200 len: %D time: 0.0%D",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/os-keypairs HTTP/1.1\" status: 200 len: %D time: 0.0%D",
    "DN.|keystonemiddleware.auth_token|Authenticating user token __call__ " PY "keystonemiddleware/auth_token/__init__.py:326",
    "WN.|keystonemiddleware.auth_token|Authorization failed for token",
    "IR.|nova.api.openstack.wsgi|HTTP exception thrown: Instance %i could not be found.",
    "IR.|nova.osapi_compute.wsgi.server|192.0.2.%d \"GET /v2.1/servers/%i HTTP/1.1\" status: 404 len: 434 time: 0.0%D",
    "DR.|nova.quota|Getting all quota usages for project: %x _get_usages " PY "nova/quota.py:1089",
    NULL};
static const char *const T_COND[] = {
    "DR.|nova.conductor.manager|Rescheduling: False build_instances " PY "nova/conductor/manager.py:695",
    "DRi|nova.conductor.manager|Scheduling instance for a build build_instances " PY "nova/conductor/manager.py:762",
    "DR.|nova.scheduler.client.query|Selected host: %h; Selected node: %h.example.com; Alternates: [] schedule_and_build_instances " PY "nova/conductor/manager.py:1620",
    "DRi|nova.conductor.manager|block_device_mapping [BlockDeviceMapping(boot_index=0,destination_type='local',image_id='%u',source_type='image')] _create_block_device_mapping " PY "nova/conductor/manager.py:1484",
    "IRi|nova.compute.rpcapi|Automatically selected compute RPC version 6.2 from minimum service version 66",
    "DR.|nova.network.neutron|validate_networks() for [('%n', None, None, None, None, None)] validate_networks " PY "nova/network/neutron.py:2621",
    "DN.|oslo_db.sqlalchemy.engines|MySQL server mode set to STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION _check_effective_sql_mode " PY "oslo_db/sqlalchemy/engines.py:342",
    "DRi|nova.conductor.manager|Successfully created instance mapping for %i in cell1 _create_and_bind_instances " PY "nova/conductor/manager.py:1550",
    "IR.|nova.conductor.manager|Updating instance action start for %i: create",
    "DR.|nova.scheduler.client.report|Updated allocations for consumer %i: {'%v': {'resources': {'VCPU': 1, 'MEMORY_MB': 2048, 'DISK_GB': 20}}} put_allocations " PY "nova/scheduler/client/report.py:1856",
    "DR.|nova.objects.instance_info_cache|Updating instance_info_cache for %i save " PY "nova/objects/instance_info_cache.py:96",
    "IR.|nova.conductor.tasks.live_migrate|Live migration of instance %i to %h.example.com requested",
    "DRi|nova.conductor.tasks.migrate|Resize requested with flavor m1.large on %h _execute " PY "nova/conductor/tasks/migrate.py:268",
    "WR.|nova.conductor.manager|No compute node record found for host %h. If this is a Ironic node, this is expected.",
    "DN.|nova.servicegroup.drivers.db|Seems service nova-compute on host %h is down. Last heartbeat was 2025-03-03 0%s:%d:%d. Elapsed time is %D is_up " PY "nova/servicegroup/drivers/db.py:87",
    "IP.|nova.conductor.manager|Archived %d rows from shadow tables",
    "DR.|nova.objects.service|Minimum service version for nova-compute is 66 get_minimum_version_multi " PY "nova/objects/service.py:542",
    NULL};
static const char *const T_SCHED[] = {
    "DR.|nova.scheduler.host_manager|Update host state from compute node (%h.example.com): ComputeNode(cpu_allocation_ratio=4.0,disk_allocation_ratio=1.0,free_disk_gb=%d,free_ram_mb=%D,host='%h',hypervisor_hostname='%h.example.com',hypervisor_type='QEMU',local_gb=195,memory_mb=15969,ram_allocation_ratio=1.0,running_vms=%d,vcpus=16,vcpus_used=%s) _locked_update " PY "nova/scheduler/host_manager.py:168",
    "DR.|nova.scheduler.host_manager|Update host state with aggregates: [] _locked_update " PY "nova/scheduler/host_manager.py:171",
    "DR.|nova.scheduler.host_manager|Update host state with service dict: {'id': %d, 'host': '%h', 'binary': 'nova-compute', 'topic': 'compute', 'report_count': %D, 'disabled': False, 'forced_down': False} _locked_update " PY "nova/scheduler/host_manager.py:174",
    "DR.|nova.scheduler.host_manager|Update host state with instances: ['%i'] _locked_update " PY "nova/scheduler/host_manager.py:177",
    "DR.|nova.filters|Starting with %s host(s) get_filtered_objects " PY "nova/filters.py:70",
    "DR.|nova.filters|Filter AvailabilityZoneFilter returned %s host(s) get_filtered_objects " PY "nova/filters.py:102",
    "DR.|nova.filters|Filter ComputeFilter returned %s host(s) get_filtered_objects " PY "nova/filters.py:102",
    "DR.|nova.filters|Filter ComputeCapabilitiesFilter returned %s host(s) get_filtered_objects " PY "nova/filters.py:102",
    "DR.|nova.filters|Filter ImagePropertiesFilter returned %s host(s) get_filtered_objects " PY "nova/filters.py:102",
    "DR.|nova.filters|Filter ServerGroupAntiAffinityFilter returned %s host(s) get_filtered_objects " PY "nova/filters.py:102",
    "DRi|nova.scheduler.manager|Starting to schedule for instances: ['%i'] select_destinations " PY "nova/scheduler/manager.py:141",
    "DR.|nova.scheduler.manager|Filtered [(%h, %h.example.com) ram: %DMB disk: %dGB io_ops: 0 instances: %d] _get_sorted_hosts " PY "nova/scheduler/manager.py:610",
    "DR.|nova.scheduler.manager|Weighed [WeighedHost [host: (%h, %h.example.com) ram: %DMB disk: %dGB io_ops: 0 instances: %d, weight: 0.%D]] _get_sorted_hosts " PY "nova/scheduler/manager.py:630",
    "DRi|nova.scheduler.utils|Attempting to claim resources in the placement API for instance %i claim_resources " PY "nova/scheduler/utils.py:1284",
    "DRi|nova.scheduler.manager|Selected host: (%h, %h.example.com) ram: %DMB disk: %dGB io_ops: 0 instances: %d _consume_selected_host " PY "nova/scheduler/manager.py:489",
    "DR.|nova.scheduler.host_manager|Found 2 cells: 00000000-0000-0000-0000-000000000000, 9f4f7f4c-2f55-4c51-9c2e-5d0a0c1e1b2a _load_cells " PY "nova/scheduler/host_manager.py:647",
    "DR.|nova.scheduler.host_manager|Getting compute nodes and services for cell 9f4f7f4c-2f55-4c51-9c2e-5d0a0c1e1b2a(cell1) _get_computes_for_cells " PY "nova/scheduler/host_manager.py:610",
    "IN.|nova.scheduler.host_manager|Received an update from an unknown host '%h'. Re-created its InstanceList.",
    "DN.|nova.scheduler.host_manager|Successfully synced instances from host '%h'. sync_instance_info " PY "nova/scheduler/host_manager.py:999",
    "DR.|nova.scheduler.request_filter|Request filter 'isolate_aggregates' took 0.0 seconds wrapper " PY "nova/scheduler/request_filter.py:48",
    "DR.|nova.scheduler.request_filter|Request filter 'map_az_to_placement_aggregate' took 0.0 seconds wrapper " PY "nova/scheduler/request_filter.py:48",
    NULL};
static const char *const T_COMP[] = {
    "DP.|oslo_service.periodic_task|Running periodic task ComputeManager._sync_scheduler_instance_info run_periodic_tasks " PY "oslo_service/periodic_task.py:210",
    "DP.|nova.compute.manager|Triggering sync for uuid %i _sync_power_states " PY "nova/compute/manager.py:10241",
    "DP.|oslo_concurrency.lockutils|Acquiring lock \"compute_resources\" by \"nova.compute.resource_tracker.ResourceTracker._update_available_resource\" inner " PY "oslo_concurrency/lockutils.py:404",
    "DP.|oslo_concurrency.lockutils|Lock \"compute_resources\" \"released\" by \"nova.compute.resource_tracker.ResourceTracker._update_available_resource\" :: held %fs inner " PY "oslo_concurrency/lockutils.py:423",
    "DP.|nova.compute.resource_tracker|Auditing locally available compute resources for %H (node: %H.example.com) update_available_resource " PY "nova/compute/resource_tracker.py:907",
    "DP.|nova.compute.resource_tracker|Hypervisor/Node resource view: name=%H.example.com free_ram=%DMB free_disk=%dGB free_vcpus=%s pci_devices=[{\"dev_id\": \"pci_0000_00_01_0\", \"address\": \"0000:00:01.0\", \"product_id\": \"7000\", \"vendor_id\": \"8086\", \"numa_node\": null, \"label\": \"label_8086_7000\", \"dev_type\": \"type-PCI\"}] _report_hypervisor_resource_view " PY "nova/compute/resource_tracker.py:1106",
    "DP.|nova.compute.resource_tracker|Final resource view: name=%H.example.com phys_ram=15969MB used_ram=%DMB phys_disk=195GB used_disk=%dGB total_vcpus=16 used_vcpus=%s pci_stats=[] _report_final_resource_view " PY "nova/compute/resource_tracker.py:1129",
    "DP.|nova.compute.provider_tree|Inventory has not changed in ProviderTree for provider: %v update_inventory " PY "nova/compute/provider_tree.py:180",
    "DP.|nova.scheduler.client.report|Inventory has not changed for provider %v based on inventory data: {'VCPU': {'total': 16, 'min_unit': 1, 'max_unit': 16, 'step_size': 1, 'allocation_ratio': 4.0, 'reserved': 0}, 'MEMORY_MB': {'total': 15969, 'min_unit': 1, 'max_unit': 15969, 'step_size': 1, 'allocation_ratio': 1.0, 'reserved': 512}, 'DISK_GB': {'total': 195, 'min_unit': 1, 'max_unit': 195, 'step_size': 1, 'allocation_ratio': 1.0, 'reserved': 0}} set_inventory_for_provider " PY "nova/scheduler/client/report.py:940",
    "DP.|nova.compute.manager|CONF.reclaim_instance_interval <= 0, skipping... _reclaim_queued_deletes " PY "nova/compute/manager.py:10803",
    "DPi|nova.compute.manager|Checking state _get_power_state " PY "nova/compute/manager.py:1782",
    "DRi|nova.compute.manager|Received event network-vif-plugged-%p external_instance_event " PY "nova/compute/manager.py:11010",
    "DRi|oslo_concurrency.lockutils|Acquiring lock \"%i-events\" by \"nova.compute.manager.InstanceEvents.pop_instance_event.<locals>._pop_event\" inner " PY "oslo_concurrency/lockutils.py:404",
    "DRi|nova.compute.manager|Processing event network-vif-plugged-%p _process_instance_event " PY "nova/compute/manager.py:10779",
    "IRi|nova.compute.claims|Claim successful on node %H.example.com",
    "IRi|nova.virt.libvirt.driver|Creating image(s)",
    "DRi|nova.network.neutron|Successfully created port: %p _create_port_minimal " PY "nova/network/neutron.py:548",
    "DRi|nova.network.neutron|Successfully updated port: %p _update_port " PY "nova/network/neutron.py:586",
    "DR.|os_vif|Plugging vif VIFOpenVSwitch(active=False,address=%m,bridge_name='br-int',has_traffic_filtering=True,id=%p,network=Network(%n),plugin='ovs',port_profile=VIFPortProfileOpenVSwitch,preserve_on_delete=False,vif_name='%t') plug " PY "os_vif/__init__.py:76",
    "IR.|os_vif|Successfully plugged vif VIFOpenVSwitch(active=False,address=%m,bridge_name='br-int',has_traffic_filtering=True,id=%p,network=Network(%n),plugin='ovs',port_profile=VIFPortProfileOpenVSwitch,preserve_on_delete=False,vif_name='%t')",
    "DRi|nova.network.neutron|Updating instance_info_cache with network_info: [{\"id\": \"%p\", \"address\": \"%m\", \"network\": {\"id\": \"%n\", \"bridge\": \"br-int\", \"label\": \"private\", \"subnets\": [{\"cidr\": \"198.51.100.0/24\", \"ips\": [{\"address\": \"%a\", \"type\": \"fixed\", \"version\": 4}]}], \"meta\": {\"injected\": false, \"tenant_id\": \"%x\", \"mtu\": 1442}}, \"type\": \"ovs\", \"devname\": \"%t\", \"active\": true}] update_instance_cache_with_nw_info " PY "nova/network/neutron.py:117",
    "DN.|nova.virt.libvirt.host|Emitting event <LifecycleEvent: 1741010%D.%D, %i => Started> emit_event " PY "nova/virt/libvirt/host.py:1621",
    "IRi|nova.compute.manager|VM Started (Lifecycle Event)",
    "IRi|nova.compute.manager|VM Paused (Lifecycle Event)",
    "IRi|nova.compute.manager|VM Resumed (Lifecycle Event)",
    "IRi|nova.compute.manager|During sync_power_state the instance has a pending task (spawning). Skip.",
    "IRi|nova.virt.libvirt.driver|Instance spawned successfully.",
    "IRi|nova.compute.manager|Took %f seconds to spawn the instance on the hypervisor.",
    "IRi|nova.compute.manager|Took %f seconds to build instance.",
    "IRi|nova.compute.manager|Terminating instance",
    "INi|nova.virt.libvirt.driver|Instance destroyed successfully.",
    "IRi|nova.virt.libvirt.driver|Deleting instance files /var/lib/nova/instances/%i_del",
    "IRi|nova.virt.libvirt.driver|Deletion of /var/lib/nova/instances/%i_del complete",
    "IRi|nova.compute.manager|Took %f seconds to destroy the instance on the hypervisor.",
    "IRi|nova.compute.manager|Took %f seconds to deallocate network for instance.",
    "DP.|nova.virt.libvirt.imagecache|Verify base images _age_and_verify_cached_images " PY "nova/virt/libvirt/imagecache.py:314",
    "WP.|nova.compute.manager|While synchronizing instance power states, found %s instances in the database and %s instances on the hypervisor.",
    "IN.|nova.compute.manager|Rebuilding the list of instances to heal",
    NULL};
static const char *const T_NEUT[] = {
    "IN.|neutron.wsgi|192.0.2.%d \"GET /v2.0/ports?device_id=%i HTTP/1.1\" status: 200  len: %D time: 0.0%D",
    "IN.|neutron.wsgi|192.0.2.%d \"GET /v2.0/networks/%n HTTP/1.1\" status: 200  len: %D time: 0.0%D",
    "IN.|neutron.wsgi|192.0.2.%d \"GET /v2.0/security-groups?tenant_id=%x HTTP/1.1\" status: 200  len: %D time: 0.0%D",
    "IN.|neutron.wsgi|192.0.2.%d \"GET /v2.0/floatingips?fixed_ip_address=%a&port_id=%p HTTP/1.1\" status: 200  len: 217 time: 0.0%D",
    "IN.|neutron.wsgi|192.0.2.%d \"GET /v2.0/subnets?id=%u HTTP/1.1\" status: 200  len: %D time: 0.0%D",
    "IN.|neutron.wsgi|192.0.2.%d \"PUT /v2.0/ports/%p HTTP/1.1\" status: 200  len: %D time: 0.%D",
    "DN.|neutron.pecan_wsgi.hooks.policy_enforcement|Attributes excluded by policy engine: ['binding:profile', 'binding:vif_details', 'binding:vif_type', 'binding:host_id'] _exclude_attributes_by_policy " PY "neutron/pecan_wsgi/hooks/policy_enforcement.py:256",
    "DN.|ovsdbapp.backend.ovs_idl.transaction|Running txn n=1 command(idx=0): SetLSwitchPortCommand(lport=%p, columns={'external_ids': {'neutron:device_owner': 'compute:nova', 'neutron:host_id': '%h', 'neutron:revision_number': '%s'}}, if_exists=True) do_commit " PY "ovsdbapp/backend/ovs_idl/transaction.py:89",
    "DN.|neutron.db.ovn_revision_numbers_db|Successfully bumped revision number for resource %p (type: ports) to %s bump_revision " PY "neutron/db/ovn_revision_numbers_db.py:108",
    "DN.|neutron_lib.callbacks.manager|Publish callbacks ['neutron.plugins.ml2.plugin.Ml2Plugin._port_provisioned-%D'] for port (%p), provisioning_complete _notify_loop " PY "neutron_lib/callbacks/manager.py:167",
    "DN.|ovsdbapp.backend.ovs_idl.event|Matched UPDATE: LogicalSwitchPortUpdateUpEvent(events=('update',), table='Logical_Switch_Port', conditions=None, old_conditions=None), priority=20 to row=Logical_Switch_Port(up=[True], name=%p, addresses=['%m %a'], type=, options={'requested-chassis': '%h'}) old=Logical_Switch_Port(up=[False]) matches " PY "ovsdbapp/backend/ovs_idl/event.py:43",
    "IN.|neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver|OVN reports status up for port: %p",
    "DN.|neutron.notifiers.nova|Sending events: [{'server_uuid': '%i', 'name': 'network-vif-plugged', 'status': 'completed', 'tag': '%p'}] send_events " PY "neutron/notifiers/nova.py:279",
    "IN.|neutron.notifiers.nova|Nova event matching ['%u'] response: {'server_uuid': '%i', 'name': 'network-vif-plugged', 'status': 'completed', 'tag': '%p', 'code': 200}",
    "DG.|neutron.api.v2.base|Request body: {'port': {'binding:host_id': '%h', 'device_id': '%i', 'device_owner': 'compute:nova', 'binding:profile': {}}} prepare_request_body " PY "neutron/api/v2/base.py:730",
    "DG.|neutron.plugins.ml2.managers|Attempting to bind port %p on host %h for vnic_type normal with profile  bind_port " PY "neutron/plugins/ml2/managers.py:810",
    "DG.|neutron.plugins.ml2.managers|Bound port: %p, host: %h, vif_type: ovs, vif_details: {\"port_filter\": true, \"connectivity\": \"l2\", \"bridge_name\": \"br-int\", \"datapath_type\": \"system\"}, binding_levels: [{'bound_driver': 'ovn', 'bound_segment': {'id': '%u', 'network_type': 'geneve', 'physical_network': None, 'segmentation_id': %D, 'network_id': '%n'}}] _bind_port_level " PY "neutron/plugins/ml2/managers.py:947",
    "IG.|neutron.wsgi|192.0.2.%d \"POST /v2.0/ports HTTP/1.1\" status: 201  len: %D time: 0.%D",
    "IG.|neutron.wsgi|192.0.2.%d \"DELETE /v2.0/ports/%p HTTP/1.1\" status: 204  len: 168 time: 0.%D",
    "DN.|neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.ovsdb_monitor|Hash Ring: Node %u (host: ctl-1) handling event \"update\" for row %u (table: Port_Binding) notify " PY "neutron/plugins/ml2/drivers/ovn/mech_driver/ovsdb/ovsdb_monitor.py:787",
    "IN.|neutron.wsgi|(%D) accepted ('192.0.2.%d', %D)",
    "WN.|keystonemiddleware.auth_token|Authorization failed for token",
    "IP.|neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.maintenance|Maintenance task: Fixing resources started (check_for_inconsistencies)",
    "IP.|neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.maintenance|Maintenance task: Fixing resources completed (took %f seconds)",
    "DP.|neutron.db.agents_db|Agent healthcheck: found %s active agents agent_health_check " PY "neutron/db/agents_db.py:327",
    "DN.|neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.ovsdb_monitor|ChassisAgentWriteEvent : Matched Chassis_Private, update, None None matches " PY "neutron/plugins/ml2/drivers/ovn/mech_driver/ovsdb/ovsdb_monitor.py:57",
    "DN.|neutron.scheduler.l3_ovn_scheduler|Gateway lrp-%u scheduled on chassis ['%u'] _schedule_gateway " PY "neutron/scheduler/l3_ovn_scheduler.py:78",
    "IG.|neutron.db.securitygroups_rpc_base|Security group member updated [%u]",
    "IN.|neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver|OVN reports status down for port: %p",
    "DN.|oslo_concurrency.lockutils|Lock \"ovn_port_%p\" acquired by \"neutron.plugins.ml2.drivers.ovn.mech_driver.ovsdb.ovn_client.OVNClient.update_port\" :: waited 0.00%ds inner " PY "oslo_concurrency/lockutils.py:409",
    NULL};
/* vlog: "module|LEVEL|message" */
static const char *const T_OVNC[] = {
    "memory_trim|INFO|Detected inactivity (last active 300%d ms ago): trimming memory", "binding|INFO|%p: Claiming %m %a",
    "binding|INFO|Claiming lport %p for this chassis.", "binding|INFO|Setting lport %p ovn-installed in OVS",
    "binding|INFO|Setting lport %p up in Southbound", "binding|INFO|Releasing lport %p from this chassis (sb_readonly=0)",
    "binding|INFO|Setting lport %p down in Southbound", "if_status|INFO|Not updating pb chassis for %p now as sb is readonly",
    "main|INFO|OVNSB commit failed, force recompute next time.", "timeval|WARN|Unreasonably long 1%Dms poll interval (%dms user, %dms system)",
    "poll_loop|INFO|wakeup due to [POLLIN] on fd 2%s (<->/var/run/openvswitch/br-int.mgmt) at lib/stream-fd.c:157 (%d%% CPU usage)",
    "inc_proc_eng|INFO|node: logical_flow_output, handler for input SB_logical_flow took %dms", "memory|INFO|%DkB peak resident set size after %f seconds",
    "memory|INFO|idl-cells-OVN_Southbound:%D idl-cells-Open_vSwitch:%D lflow-cache-entries-cache-expr:%D lflow-cache-entries-cache-matches:%D ofctrl_desired_flow_usage-KB:%D ofctrl_installed_flow_usage-KB:%D ofctrl_sb_flow_ref_usage-KB:%D",
    NULL};
static const char *const T_VSWD[] = {
    "bridge|INFO|bridge br-int: added interface %t on port %D", "bridge|INFO|bridge br-int: deleted interface %t on port %D",
    "connmgr|INFO|br-int<->unix#%d: %D flow_mods in the %s s starting %d s ago (%D adds, %d deletes)",
    "memory|INFO|handlers:10 idl-cells-Open_vSwitch:%D ofconns:1 ports:%d revalidators:4 rules:%D udpif keys:%d",
    "ofproto_dpif_upcall(handler%s)|INFO|Dropped %d log messages in last %d seconds (most recently, %s seconds ago) due to excessive rate",
    "netdev_linux|INFO|ioctl(SIOCGIFINDEX) on %t device failed: No such device", "timeval|WARN|Unreasonably long 1%Dms poll interval (%dms user, %dms system)",
    "poll_loop|INFO|wakeup due to [POLLIN] on fd %d (FIFO pipe:[%D]) at ../vswitchd/bridge.c:429 (%d%% CPU usage)",
    "ofproto_dpif_xlate(handler%s)|WARN|over max translation depth 64 on bridge br-int while processing in_port=%d,vlan_tci=0x0000,dl_src=%m,dl_dst=ff:ff:ff:ff:ff:ff,dl_type=0x0806",
    "dpif_netlink|WARN|system@ovs-system: failed to put[create] (File exists) ufid:%u",
    NULL};
static const char *const T_NORTHD[] = {
    "inc_proc_eng|INFO|node: northd, recompute (missing handler for input NB_logical_switch) took %dms",
    "inc_proc_eng|INFO|node: lflow, recompute (missing handler for input northd) took %dms",
    "memory_trim|INFO|Detected inactivity (last active 300%d ms ago): trimming memory",
    "timeval|WARN|Unreasonably long 1%Dms poll interval (%Dms user, %dms system)",
    "poll_loop|INFO|wakeup due to [POLLIN] on fd 1%s (192.0.2.10:%D<->192.0.2.10:6641) at lib/stream-fd.c:157 (%d%% CPU usage)",
    "memory|INFO|%DkB peak resident set size after %f seconds", "northd|INFO|Assigned dynamic MAC address '%m' to port '%p'",
    "coverage|INFO|Skipping details of duplicate event coverage for hash=%x",
    NULL};
static const char *const T_SBDB[] = {
    "memory|INFO|atoms:%D cells:%D json-caches:%s monitors:%s n-weak-refs:%D sessions:%s",
    "jsonrpc|WARN|tcp:198.51.100.%d:%D: receive error: Connection reset by peer",
    "reconnect|WARN|tcp:198.51.100.%d:%D: connection dropped (Connection reset by peer)",
    "timeval|WARN|Unreasonably long 1%Dms poll interval (%Dms user, %dms system)", "raft|INFO|Transferring leadership to write a snapshot.",
    "ovsdb_server|INFO|%DkB peak resident set size after %f seconds",
    NULL};
/* syslog and kern.log: everything after the host name */
static const char *const T_SYSL[] = {
    "systemd[1]: Started Session %D of User ubuntu.", "systemd[1]: session-%D.scope: Deactivated successfully.",
    "CRON[%D]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
    "CRON[%D]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)", "CRON[%D]: pam_unix(cron:session): session closed for user root",
    "sshd[%D]: Accepted publickey for ubuntu from 192.0.2.%d port %D ssh2: RSA SHA256:q5Zb0v3mT9lq0gB8cXy4o7n8s0fQ1uE2d3k4J5h6G7w",
    "systemd-logind[%d]: New session %D of user ubuntu.", "systemd-logind[%d]: Session %D logged out. Waiting for processes to exit.",
    "chronyd[%d]: Selected source 192.0.2.1 (ntp.ubuntu.com)", "kernel: [%k] device %t entered promiscuous mode",
    "systemd-networkd[%d]: %t: Link UP", "systemd-networkd[%d]: %t: Gained carrier",
    "ovs-vsctl: ovs|00001|vsctl|INFO|Called as ovs-vsctl --timeout=120 -- --if-exists del-port br-int %t",
    "libvirtd[%D]: internal error: End of file from qemu monitor",
    "snapd[%D]: storehelpers.go:748: cannot refresh: snap has no updates available: \"core20\", \"lxd\"",
    "rsyslogd[%d]: [origin software=\"rsyslogd\" swVersion=\"8.2112.0\"] rsyslogd was HUPed",
    NULL};
static const char *const T_KERN[] = {
    "kernel: [%k] device %t entered promiscuous mode", "kernel: [%k] device %t left promiscuous mode",
    "kernel: [%k] IPv6: ADDRCONF(NETDEV_CHANGE): %t: link becomes ready",
    "kernel: [%k] audit: type=1400 audit(1741010%D.%d:%D): apparmor=\"STATUS\" operation=\"profile_load\" profile=\"unconfined\" name=\"libvirt-%i\" pid=%D comm=\"apparmor_parser\"",
    "kernel: [%k] kvm: vcpu %s: requested %D ns lapic timer period limited to 200000 ns", "kernel: [%k] br-int: port %d(%t) entered forwarding state",
    "kernel: [%k] EXT4-fs (sda3): mounted filesystem with ordered data mode. Quota mode: none.",
    "kernel: [%k] perf: interrupt took too long (%D > %D), lowering kernel.perf_event_max_sample_rate to %D",
    NULL};

/* a traceback: its head record, then these frames (file line, code line) and the exception */
static const char *const FRAMES[] = {
    "  File \"" PY "oslo_messaging/rpc/server.py\", line 165, in _process_incoming", "    res = self.dispatcher.dispatch(message)",
    "  File \"" PY "oslo_messaging/rpc/dispatcher.py\", line 309, in dispatch", "    return self._do_dispatch(endpoint, method, ctxt, args)",
    "  File \"" PY "oslo_messaging/rpc/client.py\", line 190, in call", "    result = self.transport._send(",
    "  File \"" PY "oslo_messaging/_drivers/amqpdriver.py\", line 678, in _send", "    result = self._waiter.wait(msg_id, timeout,",
    "  File \"" PY "oslo_db/api.py\", line 144, in wrapper", "    return f(*args, **kwargs)",
    "  File \"" PY "sqlalchemy/engine/base.py\", line 1900, in _execute_context", "    self.dialect.do_execute(",
    "  File \"" PY "nova/compute/manager.py\", line 10527, in _update_available_resource_for_node", "    self.rt.update_available_resource(context, nodename,",
    "  File \"" PY "neutron/plugins/ml2/plugin.py\", line 1832, in update_port", "    port = self._get_port(context, id)",
    "  File \"" PY "keystoneauth1/session.py\", line 1005, in _send_request", "    raise exceptions.ConnectFailure(msg)",
    "  File \"" PY "nova/scheduler/client/report.py\", line 280, in get", "    return self._client.get(url, microversion=version,",
};
static const char *const TB_NOVA[] = {
    "EP.|nova.compute.manager|Error updating resources for node %H.example.com.: oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID %x",
    "oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID %X"};
static const char *const TB_COND[] = {
    "EN.|oslo_messaging.rpc.server|Exception during message handling: oslo_db.exception.DBConnectionError: (pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query')",
    "oslo_db.exception.DBConnectionError: (pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query')"};
static const char *const TB_API[] = {
    "ERi|nova.api.openstack.wsgi|Unexpected exception in API method: keystoneauth1.exceptions.connection.ConnectFailure: Unable to establish connection to http://192.0.2.10:9696/v2.0/ports?device_id=%i: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
    "keystoneauth1.exceptions.connection.ConnectFailure: Unable to establish connection to http://192.0.2.10:9696/v2.0/ports?device_id=%i: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))"};
static const char *const TB_SCHED[] = {
    "ER.|nova.scheduler.client.report|Failed to retrieve allocation candidates from placement API: keystoneauth1.exceptions.http.ServiceUnavailable: Service Unavailable (HTTP 503) (Request-ID: req-%u)",
    "keystoneauth1.exceptions.http.ServiceUnavailable: Service Unavailable (HTTP 503)"};
static const char *const TB_NEUT[] = {
    "EG.|neutron.pecan_wsgi.hooks.translation|PUT failed.: neutron_lib.exceptions.PortNotFound: Port %p could not be found.",
    "neutron_lib.exceptions.PortNotFound: Port %p could not be found."};

/* The incident, verbatim from testdata/incident-ovn-chassis: "#host file" starts a block that is
 * written into that file at its time. */
static const char *const INCIDENT[] = {
  "#cmp-1 nova-compute.log",
  "2025-03-03 15:08:06.807 3112 WARNING nova.compute.manager [None req-087e8bd2-8c85-40db-b499-7f4acd213baa ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] Timeout waiting for ['network-vif-plugged-806fd448-15bc-45f8-a6dd-c3098f9c007b'] for instance with vm_state building and task_state spawning. Event states are: network-vif-plugged-806fd448-15bc-45f8-a6dd-c3098f9c007b: timed out after 300.00 seconds",
  "2025-03-03 15:08:07.538 3112 ERROR nova.compute.manager [None req-087e8bd2-8c85-40db-b499-7f4acd213baa ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] Instance failed to spawn: nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed",
  "2025-03-03 15:08:07.538 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] Traceback (most recent call last):",
  "2025-03-03 15:08:07.538 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65]   File \"/usr/lib/python3/dist-packages/nova/virt/libvirt/driver.py\", line 7720, in _create_guest_with_network",
  "2025-03-03 15:08:07.538 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65]     raise exception.VirtualInterfaceCreateException()",
  "2025-03-03 15:08:07.538 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed",
  "2025-03-03 15:08:07.825 3112 ERROR nova.compute.manager [None req-087e8bd2-8c85-40db-b499-7f4acd213baa ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] Failed to allocate network(s): nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed",
  "2025-03-03 15:08:07.825 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] Traceback (most recent call last):",
  "2025-03-03 15:08:07.825 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65]   File \"/usr/lib/python3/dist-packages/nova/virt/libvirt/driver.py\", line 7720, in _create_guest_with_network",
  "2025-03-03 15:08:07.825 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65]     raise exception.VirtualInterfaceCreateException()",
  "2025-03-03 15:08:07.825 3112 ERROR nova.compute.manager [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed",
  "2025-03-03 15:08:08.080 3112 ERROR nova.compute.manager [None req-087e8bd2-8c85-40db-b499-7f4acd213baa ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] Build of instance 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65 aborted: Failed to allocate the network(s), not rescheduling.",
  "2025-03-03 15:08:08.081 3112 DEBUG nova.compute.manager [None req-087e8bd2-8c85-40db-b499-7f4acd213baa ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65] Build of instance 41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65 aborted: Failed to allocate the network(s), not rescheduling. _do_build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2365",
  "#cmp-1 nova-compute.log",
  "2025-03-03 15:20:44.201 3112 ERROR nova.compute.manager [None req-31b466c4-9fd2-4b8e-b940-3893690ab286 ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: e5820d41-7384-4f58-b726-a784b11a504e] Instance failed to spawn: nova.exception.PortBindingFailed: Binding failed for port bdc2254d-dbd2-483f-90bf-5fab26f68b0c, please check neutron logs for more information.",
  "2025-03-03 15:20:44.201 3112 ERROR nova.compute.manager [instance: e5820d41-7384-4f58-b726-a784b11a504e] Traceback (most recent call last):",
  "2025-03-03 15:20:44.201 3112 ERROR nova.compute.manager [instance: e5820d41-7384-4f58-b726-a784b11a504e]   File \"/usr/lib/python3/dist-packages/nova/network/neutron.py\", line 294, in _ensure_no_port_binding_failure",
  "2025-03-03 15:20:44.201 3112 ERROR nova.compute.manager [instance: e5820d41-7384-4f58-b726-a784b11a504e]     raise exception.PortBindingFailed(port_id=port['id'])",
  "2025-03-03 15:20:44.201 3112 ERROR nova.compute.manager [instance: e5820d41-7384-4f58-b726-a784b11a504e] nova.exception.PortBindingFailed: Binding failed for port bdc2254d-dbd2-483f-90bf-5fab26f68b0c, please check neutron logs for more information.",
  "2025-03-03 15:20:44.884 3112 ERROR nova.compute.manager [None req-31b466c4-9fd2-4b8e-b940-3893690ab286 ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: e5820d41-7384-4f58-b726-a784b11a504e] Failed to build and run instance: nova.exception.PortBindingFailed: Binding failed for port bdc2254d-dbd2-483f-90bf-5fab26f68b0c, please check neutron logs for more information.",
  "2025-03-03 15:20:44.884 3112 ERROR nova.compute.manager [instance: e5820d41-7384-4f58-b726-a784b11a504e] Traceback (most recent call last):",
  "2025-03-03 15:20:44.884 3112 ERROR nova.compute.manager [instance: e5820d41-7384-4f58-b726-a784b11a504e]   File \"/usr/lib/python3/dist-packages/nova/network/neutron.py\", line 294, in _ensure_no_port_binding_failure",
  "2025-03-03 15:20:44.884 3112 ERROR nova.compute.manager [instance: e5820d41-7384-4f58-b726-a784b11a504e]     raise exception.PortBindingFailed(port_id=port['id'])",
  "2025-03-03 15:20:44.884 3112 ERROR nova.compute.manager [instance: e5820d41-7384-4f58-b726-a784b11a504e] nova.exception.PortBindingFailed: Binding failed for port bdc2254d-dbd2-483f-90bf-5fab26f68b0c, please check neutron logs for more information.",
  "2025-03-03 15:20:44.975 3112 DEBUG nova.compute.manager [None req-31b466c4-9fd2-4b8e-b940-3893690ab286 ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: e5820d41-7384-4f58-b726-a784b11a504e] Build of instance e5820d41-7384-4f58-b726-a784b11a504e was re-scheduled: Binding failed for port bdc2254d-dbd2-483f-90bf-5fab26f68b0c, please check neutron logs for more information. _do_build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2413",
  "#cmp-1 ovn-controller.log",
  "2025-03-03T14:02:11.412Z|00001|vlog|INFO|opened log file /var/log/ovn/ovn-controller.log",
  "2025-03-03T14:02:11.414Z|00002|reconnect|INFO|unix:/var/run/openvswitch/db.sock: connecting...",
  "2025-03-03T14:02:11.414Z|00003|reconnect|INFO|unix:/var/run/openvswitch/db.sock: connected",
  "2025-03-03T14:02:11.421Z|00004|main|INFO|OVN internal version is : [23.03.1-20.27.0-70.6]",
  "2025-03-03T14:02:11.421Z|00005|main|INFO|OVS IDL reconnected, force recompute.",
  "2025-03-03T14:02:11.422Z|00006|reconnect|INFO|tcp:192.0.2.10:6642: connecting...",
  "2025-03-03T14:02:11.422Z|00007|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)",
  "2025-03-03T14:02:11.422Z|00008|reconnect|INFO|tcp:192.0.2.10:6642: waiting 1 seconds before reconnect",
  "2025-03-03T14:02:11.423Z|00009|main|INFO|OVS feature set changed, force recompute.",
  "2025-03-03T14:02:11.424Z|00010|rconn|INFO|unix:/var/run/openvswitch/br-int.mgmt: connecting...",
  "2025-03-03T14:02:11.424Z|00011|rconn|INFO|unix:/var/run/openvswitch/br-int.mgmt: connected",
  "2025-03-03T14:02:12.425Z|00012|reconnect|INFO|tcp:192.0.2.10:6642: connecting...",
  "2025-03-03T14:02:12.425Z|00013|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)",
  "2025-03-03T14:02:12.425Z|00014|reconnect|INFO|tcp:192.0.2.10:6642: waiting 2 seconds before reconnect",
  "2025-03-03T14:02:14.428Z|00015|reconnect|INFO|tcp:192.0.2.10:6642: connecting...",
  "2025-03-03T14:02:14.428Z|00016|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)",
  "2025-03-03T14:02:14.428Z|00017|reconnect|INFO|tcp:192.0.2.10:6642: waiting 4 seconds before reconnect",
  "2025-03-03T14:02:18.428Z|00018|reconnect|INFO|tcp:192.0.2.10:6642: connecting...",
  "2025-03-03T14:02:18.428Z|00019|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)",
  "2025-03-03T14:02:18.428Z|00020|reconnect|INFO|tcp:192.0.2.10:6642: waiting 8 seconds before reconnect",
  "2025-03-03T14:02:26.431Z|00021|reconnect|INFO|tcp:192.0.2.10:6642: connecting...",
  "2025-03-03T14:02:26.431Z|00022|reconnect|INFO|tcp:192.0.2.10:6642: connection attempt failed (Connection refused)",
  "2025-03-03T14:02:26.431Z|00023|reconnect|INFO|tcp:192.0.2.10:6642: continuing to reconnect in the background but suppressing further logging",
  "#cmp-1 syslog",
  "Mar  3 15:02:10 cmp-1 systemd[1]: Stopping Open Virtual Network host control daemon...",
  "Mar  3 15:02:10 cmp-1 ovn-ctl[412233]:  * Exiting ovn-controller (2841)",
  "Mar  3 15:02:10 cmp-1 kernel: [2002413.577640] device genev_sys_6081 left promiscuous mode",
  "Mar  3 15:02:10 cmp-1 systemd[1]: ovn-controller.service: Deactivated successfully.",
  "Mar  3 15:02:10 cmp-1 systemd[1]: Stopped Open Virtual Network host control daemon.",
  "Mar  3 15:02:10 cmp-1 systemd[1]: Starting Open Virtual Network host control daemon...",
  "Mar  3 15:02:11 cmp-1 ovn-ctl[412260]:  * Starting ovn-controller",
  "Mar  3 15:02:11 cmp-1 systemd[1]: Started Open Virtual Network host control daemon.",
  "#ctl-1 neutron-server.log",
  "2025-03-03 15:20:43.266 3102 WARNING neutron.plugins.ml2.drivers.ovn.mech_driver.mech_driver [req-31b466c4-9fd2-4b8e-b940-3893690ab286 req-8aa9af1d-a54a-44df-9a45-996262c63bd5 220cd00fe6aea6abb26b641dd42a3cde 79fff8eca2f31bb4c308a594d05954e0 - - default default] Refusing to bind port bdc2254d-dbd2-483f-90bf-5fab26f68b0c to dead agent:  <neutron.plugins.ml2.drivers.ovn.agent.neutron_agent.ControllerAgent object at 0x7f3a61d2b4f0>",
  "2025-03-03 15:20:43.268 3102 ERROR neutron.plugins.ml2.managers [req-31b466c4-9fd2-4b8e-b940-3893690ab286 req-8aa9af1d-a54a-44df-9a45-996262c63bd5 220cd00fe6aea6abb26b641dd42a3cde 79fff8eca2f31bb4c308a594d05954e0 - - default default] Failed to bind port bdc2254d-dbd2-483f-90bf-5fab26f68b0c on host cmp-1 for vnic_type normal using segments [{'id': 'caae4104-e59c-42e5-ad9d-08b12502173e', 'network_type': 'geneve', 'physical_network': None, 'segmentation_id': 45218}]",
  "#ctl-1 nova-conductor.log",
  "2025-03-03 15:20:45.339 2301 DEBUG nova.conductor.manager [None req-31b466c4-9fd2-4b8e-b940-3893690ab286 ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] Rescheduling: True build_instances /usr/lib/python3/dist-packages/nova/conductor/manager.py:695",
  "2025-03-03 15:20:45.345 2301 ERROR nova.scheduler.utils [None req-31b466c4-9fd2-4b8e-b940-3893690ab286 ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: e5820d41-7384-4f58-b726-a784b11a504e] Error from last host: cmp-1 (node cmp-1.example.com): ['Traceback (most recent call last):\\n', '  File \"/usr/lib/python3/dist-packages/nova/compute/manager.py\", line 2503, in _build_and_run_instance\\n    self.driver.spawn(context, instance, image_meta,\\n', '  File \"/usr/lib/python3/dist-packages/nova/virt/libvirt/driver.py\", line 4366, in spawn\\n    xml = self._get_guest_xml(context, instance, network_info,\\n', '  File \"/usr/lib/python3/dist-packages/nova/virt/libvirt/driver.py\", line 7233, in _get_guest_xml\\n    network_info_str = str(network_info)\\n', '  File \"/usr/lib/python3/dist-packages/nova/network/model.py\", line 620, in __str__\\n    return self._sync_wrapper(fn, *args, **kwargs)\\n', '  File \"/usr/lib/python3/dist-packages/nova/network/model.py\", line 603, in _sync_wrapper\\n    self.wait()\\n', '  File \"/usr/lib/python3/dist-packages/nova/network/model.py\", line 635, in wait\\n    self[:] = self._gt.wait()\\n', '  File \"/usr/lib/python3/dist-packages/eventlet/greenthread.py\", line 181, in wait\\n    return self._exit_event.wait()\\n', '  File \"/usr/lib/python3/dist-packages/eventlet/event.py\", line 132, in wait\\n    current.throw(*self._exc)\\n', '  File \"/usr/lib/python3/dist-packages/eventlet/greenthread.py\", line 221, in main\\n    result = function(*args, **kwargs)\\n', '  File \"/usr/lib/python3/dist-packages/nova/utils.py\", line 656, in context_wrapper\\n    return func(*args, **kwargs)\\n', '  File \"/usr/lib/python3/dist-packages/nova/compute/manager.py\", line 1982, in _allocate_network_async\\n    raise e\\n', '  File \"/usr/lib/python3/dist-packages/nova/compute/manager.py\", line 1960, in _allocate_network_async\\n    nwinfo = self.network_api.allocate_for_instance(\\n', '  File \"/usr/lib/python3/dist-packages/nova/network/neutron.py\", line 1229, in allocate_for_instance\\n    created_port_ids = self._update_ports_for_instance(\\n', '  File \"/usr/lib/python3/dist-packages/nova/network/neutron.py\", line 1365, in _update_ports_for_instance\\n    with excutils.save_and_reraise_exception():\\n', '  File \"/usr/lib/python3/dist-packages/oslo_utils/excutils.py\", line 227, in __exit__\\n    self.force_reraise()\\n', '  File \"/usr/lib/python3/dist-packages/oslo_utils/excutils.py\", line 200, in force_reraise\\n    raise self.value\\n', '  File \"/usr/lib/python3/dist-packages/nova/network/neutron.py\", line 1340, in _update_ports_for_instance\\n    updated_port = self._update_port(\\n', '  File \"/usr/lib/python3/dist-packages/nova/network/neutron.py\", line 585, in _update_port\\n    _ensure_no_port_binding_failure(port)\\n', '  File \"/usr/lib/python3/dist-packages/nova/network/neutron.py\", line 294, in _ensure_no_port_binding_failure\\n    raise exception.PortBindingFailed(port_id=port[\\'id\\'])\\n', 'nova.exception.PortBindingFailed: Binding failed for port bdc2254d-dbd2-483f-90bf-5fab26f68b0c, please check neutron logs for more information.\\n', '\\nDuring handling of the above exception, another exception occurred:\\n\\n', 'Traceback (most recent call last):\\n', '  File \"/usr/lib/python3/dist-packages/nova/compute/manager.py\", line 2326, in _do_build_and_run_instance\\n    self._build_and_run_instance(context, instance, image,\\n', '  File \"/usr/lib/python3/dist-packages/nova/compute/manager.py\", line 2596, in _build_and_run_instance\\n    raise exception.RescheduledException(\\n', 'nova.exception.RescheduledException: Build of instance e5820d41-7384-4f58-b726-a784b11a504e was re-scheduled: Binding failed for port bdc2254d-dbd2-483f-90bf-5fab26f68b0c, please check neutron logs for more information.\\n']",
  "2025-03-03 15:20:45.387 2301 WARNING nova.scheduler.utils [None req-31b466c4-9fd2-4b8e-b940-3893690ab286 ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: e5820d41-7384-4f58-b726-a784b11a504e] Failed to compute_task_build_instances: Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance e5820d41-7384-4f58-b726-a784b11a504e.",
  "2025-03-03 15:20:45.388 2301 WARNING nova.scheduler.utils [None req-31b466c4-9fd2-4b8e-b940-3893690ab286 ee5b177dbd1f88fd71dad9734d1a4aaa 9cc278c9613b39c97afe67037411cb39 - - default default] [instance: e5820d41-7384-4f58-b726-a784b11a504e] Setting instance to ERROR state.",
  NULL};

/* ---- writing records ------------------------------------------------------------------- */
enum { OSLO, VLOG, SYSL };
#define KOFF 1948283 /* kernel clock, s: 2002413 s of uptime at 15:02:10 local */
static const char *host;
static int hostno, ci, cu;
static double now; /* ms since local midnight (CET); vlog prints UTC, one hour earlier */
static char req[37], req2[37], preq[37], lastx[33];
static unsigned seq, pid;

static void clock_(unsigned long ms, char sep)
{
    num(ms / 3600000, 2), buf[blen++] = ':', num(ms / 60000 % 60, 2), buf[blen++] = ':', num(ms / 1000 % 60, 2);
    if (sep) { buf[blen++] = sep; num(ms % 1000, 3); }
}
static void expand(const char *s)
{
    for (const char *p; (p = strchr(s, '%')); s = p + 2) {
        put(s, (size_t)(p - s));
        switch (p[1]) {
        case 'i': put(inst[ci], 36); break;
        case 'p': put(port[ci], 36); break;
        case 'm': put(mac[ci], 17); break;
        case 't': puts_("tap"); put(port[ci], 11); break;
        case 'n': put(net[ci % 6], 36); break;
        case 'u': { char u[37]; mkuuid(u); put(u, 36); break; }
        case 'x': hex(lastx, 32); put(lastx, 32); break;
        case 'X': put(lastx, 32); break;
        case 'h': puts_("cmp-"); num(1 + rn((unsigned)ncomp), 1); break;
        case 'H': puts_(host); break;
        case 'v': put(prov[hostno % 16], 36); break;
        case 'd': num(rn(100), 1); break;
        case 'D': num(1000 + rn(90000), 1); break;
        case 's': num(1 + rn(16), 1); break;
        case 'f': num(rn(60), 1); buf[blen++] = '.'; num(rn(100), 2); break;
        case 'a': puts_("198.51.100."); num(10 + (unsigned)ci % 230, 1); break;
        case 'k': num((unsigned long)(now / 1000 + KOFF), 1), buf[blen++] = '.';
            num((unsigned long)now % 1000 * 1000 + rn(1000), 6); break;
        default: buf[blen++] = '%'; break;
        }
    }
    puts_(s);
}
static const char *const LEVEL[] = {['D'] = "DEBUG", ['I'] = "INFO", ['W'] = "WARNING", ['E'] = "ERROR"};

/* one oslo.log record from template t; with exc, a traceback whose last line is exc */
static void oslo_record(const char *t, const char *exc)
{
    const char *lg = t + 4, *msg = strchr(lg, '|');
    if (t[1] == 'R' || t[1] == 'G') {
        if (!rn(8)) { mkuuid(req); mkuuid(req2); ci = (int)rn(NI); cu = (int)rn(10); }
    } else ci = (int)rn(NI);
    if (t[1] == 'P' && !rn(30)) mkuuid(preq);
    size_t lglen = (size_t)(msg - lg);
    puts_("2025-03-03 "); clock_((unsigned long)now, '.'); buf[blen++] = ' '; num(pid, 1);
    buf[blen++] = ' '; puts_(LEVEL[(unsigned char)t[0]]); buf[blen++] = ' '; put(lg, lglen);
    switch (t[1]) {
    case 'R': puts_(" [None req-"); put(req, 36); goto user;
    case 'G': puts_(" [req-"); put(req, 36); puts_(" req-"); put(req2, 36);
    user: buf[blen++] = ' '; put(user[cu], 32); buf[blen++] = ' '; put(proj[cu], 32);
        puts_(" - - default default] "); break;
    case 'P': puts_(" [None req-"); put(preq, 36); puts_(" - - - - - -] "); break;
    default: puts_(" [-] "); break;
    }
    if (t[2] == 'i') { puts_("[instance: "); put(inst[ci], 36); puts_("] "); }
    expand(msg + 1);
    buf[blen++] = '\n';
    if (!exc) return;
    /* ten more lines, each with the exception prefix: Traceback, four frames, the exception */
    for (unsigned i = 0, fr = 0; i < 10; i++) {
        puts_("2025-03-03 "); clock_((unsigned long)now, '.'); buf[blen++] = ' '; num(pid, 1);
        puts_(" ERROR "); put(lg, lglen); buf[blen++] = ' ';
        if (t[2] == 'i') { puts_("[instance: "); put(inst[ci], 36); puts_("] "); }
        if (i == 0) puts_("Traceback (most recent call last):");
        else if (i == 9) expand(exc);
        else { if (i & 1) fr = 2 * rn(10); puts_(FRAMES[fr + !(i & 1)]); }
        buf[blen++] = '\n';
    }
}

/* ---- the incident ---------------------------------------------------------------------- */
static double line_ms(const char *l)
{
    const char *c = l[0] == '2' ? l + 11 : l + 7;
    double ms = ((c[0] - '0') * 10 + c[1] - '0') * 3600000.0 + ((c[3] - '0') * 10 + c[4] - '0') * 60000.0 +
                ((c[6] - '0') * 10 + c[7] - '0') * 1000.0;
    if (c[8] == '.') ms += atoi(c + 9);
    return l[10] == 'T' ? ms + 3600000.0 : ms;
}
static const char *const *next_block(const char *const *p, const char *base)
{
    size_t hl = strlen(host);
    for (; *p; p++)
        if (p[0][0] == '#' && !strncmp(*p + 1, host, hl) && p[0][1 + hl] == ' ' && !strcmp(*p + 2 + hl, base))
            return p + 1;
    return NULL;
}
static const char *const *emit_block(const char *const *p, const char *base)
{
    for (; *p && p[0][0] != '#'; p++) {
        if (blen > BUFSZ - 65536) flush();
        puts_(*p); buf[blen++] = '\n';
        if (line_ms(*p) > now) now = line_ms(*p);
    }
    return *p ? next_block(p, base) : NULL;
}

/* ---- files and reports ----------------------------------------------------------------- */
struct spec { const char *rel; int kind; double share; const char *const *t1, *const *t2, *const *tb; };
static const struct spec CTL[] = {
    {"var/log/nova/nova-api.log", OSLO, .18, T_API, T_NOVA, TB_API},
    {"var/log/nova/nova-conductor.log", OSLO, .12, T_COND, T_NOVA, TB_COND},
    {"var/log/nova/nova-scheduler.log", OSLO, .17, T_SCHED, T_NOVA, TB_SCHED},
    {"var/log/neutron/neutron-server.log", OSLO, .40, T_NEUT, NULL, TB_NEUT},
    {"var/log/ovn/ovn-northd.log", VLOG, .04, T_NORTHD, NULL, NULL},
    {"var/log/ovn/ovsdb-server-sb.log", VLOG, .03, T_SBDB, NULL, NULL},
    {"var/log/syslog", SYSL, .06, T_SYSL, NULL, NULL},
    {NULL, 0, 0, NULL, NULL, NULL}};
static const struct spec CMP[] = {
    {"var/log/nova/nova-compute.log", OSLO, .58, T_COMP, T_NOVA, TB_NOVA},
    {"var/log/ovn/ovn-controller.log", VLOG, .17, T_OVNC, NULL, NULL},
    {"var/log/openvswitch/ovs-vswitchd.log", VLOG, .10, T_VSWD, NULL, NULL},
    {"var/log/syslog", SYSL, .10, T_SYSL, NULL, NULL},
    {"var/log/kern.log", SYSL, .05, T_KERN, NULL, NULL},
    {NULL, 0, 0, NULL, NULL, NULL}};

static int count(const char *const *t) { int n = 0; while (t && t[n]) n++; return n; }

static void gen_file(const char *dir, const struct spec *sp, uint64_t budget, double end)
{
    const char *base = strrchr(sp->rel, '/') + 1;
    const char *const *inc = next_block(INCIDENT, base);
    int n1 = count(sp->t1), n = n1 + count(sp->t2);
    open_file(dir, sp->rel);
    now = 3600000.0 + rn(60000);
    seq = rn(60000); pid = 1000 + rn(30000);
    if (inc && inc[0][10] == ' ') pid = (unsigned)atoi(inc[0] + 24); /* the incident's pid */
    mkuuid(req); mkuuid(req2); mkuuid(preq); ci = (int)rn(NI); cu = (int)rn(10);
    size_t last = 200;
    for (uint64_t done; (done = fbytes + blen) < budget;) {
        if (blen > BUFSZ - 65536) flush();
        double span = end > now ? end - now : 0;
        now += span * (double)last / (double)(budget - done) * (rn(2000) / 1000.0);
        if (now > end) now = end;
        while (inc && line_ms(*inc) <= now) inc = emit_block(inc, base);
        unsigned k = rn((unsigned)n);
        if (rn(3)) { unsigned k2 = rn((unsigned)n); if (k2 < k) k = k2; }
        const char *t = (int)k < n1 ? sp->t1[k] : sp->t2[k - (unsigned)n1];
        size_t b0 = blen;
        if (sp->kind == OSLO) {
            if (sp->tb && !rn(2000)) oslo_record(sp->tb[0], sp->tb[1]);
            else oslo_record(t, NULL);
        } else if (sp->kind == VLOG) {
            ci = (int)rn(NI);
            puts_("2025-03-03T"); clock_((unsigned long)now - 3600000, '.'); puts_("Z|");
            num(++seq, 5); buf[blen++] = '|'; expand(t); buf[blen++] = '\n';
        } else {
            ci = (int)rn(NI);
            puts_("Mar  3 "); clock_((unsigned long)now, 0); buf[blen++] = ' '; puts_(host);
            buf[blen++] = ' '; expand(t); buf[blen++] = '\n';
        }
        last = blen - b0;
    }
    while (inc) inc = emit_block(inc, base);
    close_file();
}

static const char TIMEDATECTL[] =
    "               Local time: Mon 2025-03-03 15:40:41 CET\n"
    "           Universal time: Mon 2025-03-03 14:40:41 UTC\n"
    "                 RTC time: Mon 2025-03-03 14:40:40    \n"
    "                Time zone: Europe/Paris (CET, +0100)  \n"
    "System clock synchronized: yes                        \n"
    "              NTP service: active                     \n"
    "          RTC in local TZ: no                         \n";
static const char DF[] =
    "Filesystem     1K-blocks     Used Available Use% Mounted on\n"
    "sysfs                  0        0         0    - /sys\n"
    "proc                   0        0         0    - /proc\n"
    "udev             8142588        0   8142588   0% /dev\n"
    "devpts                 0        0         0    - /dev/pts\n"
    "tmpfs            1635324     2212   1633112   1% /run\n"
    "/dev/sda3      205314024 73900000 121148323  38% /\n"
    "tmpfs            8176600        0   8176600   0% /dev/shm\n"
    "tmpfs               5120        0      5120   0% /run/lock\n"
    "cgroup2                0        0         0    - /sys/fs/cgroup\n"
    "tmpfs            1635320        4   1635316   1% /run/user/1000\n"
    "/dev/sda2        1992552   265180   1606132  15% /boot\n"
    "/dev/sda1        1098632     6220   1092412   1% /boot/efi\n";
static const char FREE[] =
    "              total        used        free      shared  buff/cache   available\n"
    "Mem:       16353204    12734118      412088       21060     3206998     2831155\n"
    "Swap:       4194300      118272     4076028\n";

static void report(const char *outdir, uint64_t size)
{
    char name[32], dir[4096], letters[8], line[64];
    if (hostno) snprintf(name, sizeof name, "cmp-%d", hostno); else snprintf(name, sizeof name, "ctl-1");
    for (int i = 0; i < 7; i++) letters[i] = (char)('a' + rn(26));
    letters[7] = 0;
    snprintf(dir, sizeof dir, "%s/sosreport-%s-2025-03-03-%s", outdir, name, letters);
    host = name;
    snprintf(line, sizeof line, "%s\n", name);
    write_text(dir, "version.txt", "sosreport: 4.5.6\n");
    write_text(dir, "sos_commands/host/hostname", line);
    write_text(dir, "sos_commands/date/date", "Mon Mar  3 15:40:12 CET 2025\n");
    write_text(dir, "sos_commands/date/date_--utc", "Mon Mar  3 14:40:12 UTC 2025\n");
    write_text(dir, "sos_commands/systemd/timedatectl", TIMEDATECTL);
    write_text(dir, "sos_commands/filesys/df_-al_-x_autofs", DF);
    write_text(dir, "sos_commands/memory/free", FREE);
    double share = hostno ? 0.6 / ncomp : 0.4;
    const struct spec *sp = hostno ? CMP : CTL;
    for (int i = 0; sp[i].rel; i++) {
        uint64_t save = rs;
        rs = 0x5EED0000ULL + (unsigned)(hostno * 64 + i); /* each file its own stream */
        int stuck = hostno == 1 && sp[i].kind == VLOG && strstr(sp[i].rel, "ovn-controller");
        /* cmp-1's ovn-controller falls silent at its restart (15:02:10 local) */
        gen_file(dir, &sp[i], (uint64_t)((double)size * share * sp[i].share), stuck ? 54130000.0 : 56400000.0);
        rs = save;
    }
}

int main(int argc, char **argv)
{
    const char *outdir = NULL;
    uint64_t size = 1ULL << 30;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc) outdir = argv[++i];
        else if (!strcmp(argv[i], "--size") && i + 1 < argc) size = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--computes") && i + 1 < argc) ncomp = atoi(argv[++i]);
        else { outdir = NULL; break; }
    }
    if (!outdir || ncomp < 1 || ncomp > 999 || size < 1000000) {
        fprintf(stderr, "usage: gen --out DIR [--size BYTES (>= 1000000)] [--computes N]\n");
        return 2;
    }
    rs = 0x5EEDB0DEULL;
    make_pools();
    for (hostno = 0; hostno <= ncomp; hostno++) report(outdir, size);
    return 0;
}
