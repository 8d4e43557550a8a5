"""Real servers in subprocesses for the tests that need one: a free port, and a start that
waits until the port answers (failing the test, with the server's own words, if it dies)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(
    argv: list[str],
    port: int,
    *,
    output: Callable[[subprocess.Popen], str],
    **popen: Any,
) -> Iterator[subprocess.Popen]:
    """`argv` started, once 127.0.0.1:`port` accepts connections; stopped on leaving.

    `output` gives what the server said, for the failure message if it exits instead.
    """
    server = subprocess.Popen(argv, **popen)  # noqa: S603 (the tests' own fixed argv)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"{argv[0]} did not start: {output(server)}")
                time.sleep(0.1)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=20)
