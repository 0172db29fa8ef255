"""Story identifiers of the incident bundle (fixed literals, quoted in
testdata/README.md) and of the healthy bundle."""

# ------------------------------------------------------------ incident ----
DATE = "2025-03-03"          # a Monday
TZ_H = 1                     # Europe/Paris, CET (+0100)

CTL_IP = "192.0.2.10"
NET_IP = "192.0.2.20"
CMP_IP = "192.0.2.31"
NET_ENCAP = "198.51.100.20"
CMP_ENCAP = "198.51.100.31"
CLIENT_IP = "192.0.2.5"      # operator workstation / monitoring exporter
SB_REMOTE = "tcp:192.0.2.10:6642"
NB_REMOTE = "tcp:192.0.2.10:6641"

# instance X: VIF-plug timeout -> build aborted (no reschedule)
X = "41e5d472-f4b3-42f7-a7ed-1eefb1e3bc65"
PX = "806fd448-15bc-45f8-a6dd-c3098f9c007b"
# instance Y: dead OVN agent -> PortBindingFailed -> reschedule -> MaxRetriesExceeded
Y = "e5820d41-7384-4f58-b726-a784b11a504e"
PY = "bdc2254d-dbd2-483f-90bf-5fab26f68b0c"
REQ_X = "req-087e8bd2-8c85-40db-b499-7f4acd213baa"
REQ_Y = "req-31b466c4-9fd2-4b8e-b940-3893690ab286"
NREQ_X = "req-51adfa2c-91ab-4881-9709-2dbe4d6146ec"   # neutron-local id of the PUT that bound PX
NREQ_Y = "req-8aa9af1d-a54a-44df-9a45-996262c63bd5"   # neutron-local id of the PUT refused for PY

CMP_SYSID = "ba96d76b-eccd-42c6-8ffc-b12c6af5cc07"   # = SB Chassis.name of cmp-1 = neutron agent id
NET_SYSID = "50c42c5f-6183-4911-b163-6176cfcfe8c6"   # = SB Chassis.name of net-1
CMP_OVS_UUID = "0e3c2cca-07a3-4ace-b1f2-738928728e4f"
NET_OVS_UUID = "765a02c5-e62e-41c8-9e12-2f9a9fd8c121"

NET_PRIV = "1704842c-8163-4326-9061-8468fbe1cdf2"
SEG_PRIV = "caae4104-e59c-42e5-ad9d-08b12502173e"
SUBNET_PRIV = "811aacc4-7495-4502-824d-99e62d9b1bcc"
VNI_PRIV = 45218
NET_PUB = "6f1270c9-376e-43d7-9b44-92fae0841c34"
SEG_PUB = "eed922bd-bf56-43cc-bc4a-e928fc6ffea2"      # provnet-<SEG_PUB>
ROUTER = "5b88a4e2-dc4f-4cd5-a74f-aaffba1d8f94"
RTR_GW_PORT = "2423b47d-81e4-4a37-a850-c1b246217f0f"
RTR_IF_PORT = "98b06d95-ba39-42aa-b945-b867bb648ba1"
META_PORT = "61f47444-7e72-409a-a248-10a3b4ed98ee"
META_AGENT_ID = "792c908d-2e0a-4d0b-91da-8e5a973795d2"

ADMIN_USER = "ee5b177dbd1f88fd71dad9734d1a4aaa"
ADMIN_PROJECT = "9cc278c9613b39c97afe67037411cb39"
NEUTRON_USER = "4005125d32380bfacfe590a0d82fb146"
SERVICE_PROJECT = "79fff8eca2f31bb4c308a594d05954e0"
NOVA_USER = "220cd00fe6aea6abb26b641dd42a3cde"

# nb_cfg story: neutron bumps NB_Global.nb_cfg once a minute at :52
NB_CFG_FINAL = 1342          # NB_Global / SB_Global / net-1 Chassis_Private at collection
CMP_NB_CFG = 1304            # cmp-1 Chassis_Private, stuck since 14:01:52Z
