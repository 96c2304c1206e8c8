"""Fixtures shared by the modules that test a live API server.

A module that defines a ``server`` fixture (a :class:`servers.LiveServer` (tests/servers.py)) gets
``client``: an httpx client on that server, for the module's tests.
"""

from __future__ import annotations

import httpx
import pytest


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c
