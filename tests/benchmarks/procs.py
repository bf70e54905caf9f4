"""Start a server module the way `python -m app` runs, and read its memory and CPU time from /proc;
the machine the benchmarks ran on."""

from __future__ import annotations

import os
import platform
import re
import selectors
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from tests.app_server import ROOT, AppServer

URL_LINE = re.compile(r"^Pijat Oksitosin: (http://\S+)")
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Launched:
    server: AppServer
    started: float  # perf_counter just before the process was spawned
    printed: float  # perf_counter when it printed its address (it is listening then)

    @property
    def pid(self) -> int:
        return self.server.process.pid


def launch(module: str, data_dir: Path, timeout: float = 60) -> Launched:
    """`python -m MODULE --port 0 --data-dir DATA --no-browser`, timed from the spawn."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / "server.log"
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", module, "--port", "0", "--data-dir", str(data_dir), "--no-browser"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=open(log_path, "ab"),  # noqa: SIM115
        text=True,
    )
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and selector.select(timeout=deadline - time.monotonic()):
        line = process.stdout.readline()
        if not line:
            break
        match = URL_LINE.match(line)
        if match:
            printed = time.perf_counter()
            selector.close()
            threading.Thread(target=_drain, args=(process.stdout, log_path), daemon=True).start()
            return Launched(AppServer(match.group(1), data_dir, process), started, printed)
    process.kill()
    process.wait()
    raise RuntimeError(f"{module} printed no address; see {log_path}")


def _drain(stream, log_path: Path) -> None:
    with open(log_path, "a") as log:
        shutil.copyfileobj(stream, log)


def rss_kb(pid: int) -> int:
    """Resident set size (VmRSS) in KiB."""
    return _status_field(pid, "VmRSS")


def peak_rss_kb(pid: int) -> int:
    return _status_field(pid, "VmHWM")


def _status_field(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    raise LookupError(name)


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) "
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14 and 15)


def browser_cpu_s(root: int | None = None) -> float:
    """CPU seconds used so far by the Chromium processes this benchmark started (descendants of
    `root`, by default this process): the page's side of the cost (rendering, the WebSocket)."""
    root = os.getpid() if root is None else root
    parent: dict[int, int] = {}
    comm: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        pid = int(entry.name)
        comm[pid] = text[text.index("(") + 1 : text.rindex(")")]
        parent[pid] = int(text[text.rindex(")") + 2 :].split()[1])
    total = 0.0
    for pid, name in comm.items():
        if not name.startswith("chrom"):
            continue
        up = pid
        while up > 1 and up != root:
            up = parent.get(up, 0)
        if up == root:
            try:
                total += cpu_s(pid)
            except OSError:
                continue
    return total


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Flet": version("flet"),
        "Load average at start (1, 5, 15 min)": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
