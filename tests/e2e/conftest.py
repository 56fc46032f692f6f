"""Fixtures for the end-to-end suite: each starts real `homeground up` processes and kills them
at teardown. See hg.py for the Region object's helpers (aws, aws_fail, client, stop, kill9,
restart, raw)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import hg
from smtp_box import Mailbox


def pytest_sessionstart(session):
    problems = []
    if hg.BOTO_IMPORT_ERROR is not None:
        problems.append(f"boto3/botocore cannot be imported ({hg.BOTO_IMPORT_ERROR})")
    if shutil.which("aws") is None:
        problems.append("the aws CLI is not on PATH")
    else:
        v = subprocess.run(["aws", "--version"], capture_output=True, text=True)
        text = (v.stdout + v.stderr).strip()
        if v.returncode != 0 or not text.startswith("aws-cli/1."):
            problems.append(f"`aws --version` should report aws-cli v1, got: {text!r}")
    if problems:
        raise pytest.UsageError("end-to-end prerequisites missing: " + "; ".join(problems)
                                + " (pip install -r tests/requirements.txt)")


class _Regions:
    """Starts regions on demand and guarantees none outlives the test (or module)."""

    def __init__(self, tmp_factory, basename):
        self._tmp = tmp_factory
        self._base = basename
        self.started: list[hg.Region] = []

    def __call__(self, *extra_args, region_name=None, start=True) -> hg.Region:
        r = hg.Region(self._tmp.mktemp(self._base), extra_args=extra_args, region_name=region_name)
        self.started.append(r)
        if start:
            r.start()
        return r

    def close(self):
        for r in self.started:
            r.close()


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """A fresh region shared by the tests of one module."""
    regions = _Regions(tmp_path_factory, "region")
    try:
        yield regions()
    finally:
        regions.close()


@pytest.fixture
def new_region(tmp_path_factory):
    """Factory: `new_region(*extra_args)` starts a region of the test's own, killed at teardown."""
    regions = _Regions(tmp_path_factory, "own")
    try:
        yield regions
    finally:
        regions.close()


@pytest.fixture(scope="module")
def smtp():
    """A real SMTP server on loopback; `smtp.region_args()` points a region's mail at it."""
    box = Mailbox().start()
    yield box
    box.stop()
