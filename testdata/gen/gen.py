#!/usr/bin/env python3
"""Regenerate testdata/incident-ovn-chassis and testdata/healthy-cloud.

Run from anywhere:  python3 testdata/gen/gen.py
Deterministic: fixed seeds, no clock reads; output is byte-for-byte stable.
"""
import os
import shutil
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
TESTDATA = os.path.dirname(HERE)

import incident  # noqa: E402
import healthy  # noqa: E402


def fresh(name):
    d = os.path.join(TESTDATA, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    return d


def main():
    incident.Incident(fresh("incident-ovn-chassis")).write()
    healthy.Healthy(fresh("healthy-cloud")).write()


if __name__ == "__main__":
    main()
