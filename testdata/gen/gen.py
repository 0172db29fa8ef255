#!/usr/bin/env python3
"""Regenerate the testdata bundles listed in BUNDLES.

Run from anywhere:  python3 testdata/gen/gen.py [BUNDLE...]   (no argument: every bundle)
Deterministic: fixed seeds, no clock reads; output is byte-for-byte stable.
"""
import importlib
import os
import shutil
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
TESTDATA = os.path.dirname(HERE)

# (bundle directory under testdata/, module of testdata/gen, class whose write() fills it)
BUNDLES = [
    ("incident-ovn-chassis", "incident", "Incident"),
    ("healthy-cloud", "healthy", "Healthy"),
    ("incident-oom-ovn-controller", "oom", "Oom"),
    ("incident-kvm-disabled", "kvm", "Kvm"),
    ("incident-no-candidates", "nocand", "NoCand"),
    ("incident-ovs-agent-dead", "ovsdead", "OvsDead"),
    ("healthy-ml2ovs", "healthy_ovs", "HealthyOvs"),
    ("incident-vif-wrong-bridge", "wrongbridge", "WrongBridge"),
]


def fresh(name):
    d = os.path.join(TESTDATA, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    return d


def main(names):
    known = {b[0] for b in BUNDLES}
    for n in names:
        if n not in known:
            sys.exit("gen.py: unknown bundle %r (known: %s)" % (n, ", ".join(sorted(known))))
    for name, module, cls in BUNDLES:
        if not names or name in names:
            getattr(importlib.import_module(module), cls)(fresh(name)).write()


if __name__ == "__main__":
    main(sys.argv[1:])
