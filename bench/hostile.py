"""Hostile inputs through the real command line: time, peak memory and what came out.

    python bench/hostile.py                      # every shape at its reported size
    python bench/hostile.py --scales 1,2,4       # growth: time ratios should stay near 2
    python bench/hostile.py html_spans pdf_many_chars

Each shape (tests/hostile.py) is checked together with a good report that has one known
defect, as a portal or CI would meet it. A run passes when there is no traceback, the good
report's finding is present, and the call ends within 30 s and 2 GB (the contract of the issue
on hostile input). With --scales, a shape whose time more than triples per doubling (after
subtracting the start-up) fails. Exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile import BY_NAME, GOOD_RULE, HOSTILE, good_report  # noqa: E402

LIMIT_S, LIMIT_MB = 30.0, 2048


def gxlint() -> list[str]:
    exe = Path(sys.executable).with_name("gxlint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "gxlint"]


def run_one(name: str, scale: float, workdir: Path) -> dict:
    shape = BY_NAME[name]
    data = shape.make(scale)
    good = workdir / "good.txt"
    good.write_text(good_report(), encoding="utf-8")
    bad = workdir / f"{name}{shape.suffix}"
    bad.write_bytes(data)
    if shape.config:
        args = ["check", "--format", "json", "--config", str(bad), str(good)]
    else:
        args = ["check", "--format", "json", str(bad), str(good)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        gxlint() + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=LIMIT_S * 2)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        timed_out = True
    seconds = time.perf_counter() - started
    # ru_maxrss of this process's waited-for children: the largest one (gxlint or a worker)
    peak_mb = _children_peak_mb()
    bad.unlink()
    text_err = err.decode("utf-8", "replace")
    good_found, bad_summary = False, ""
    try:
        files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
        good_found = any(f["rule"] == GOOD_RULE for f in files["good.txt"]["findings"])
        mine = files.get(bad.name, {}).get("findings", [])
        bad_summary = "; ".join(f"{f['rule']} {f['message'][:60]}" for f in mine[:2])
    except (ValueError, KeyError):
        bad_summary = text_err.strip().splitlines()[-1][:80] if text_err.strip() else "no output"
    ok = (
        not timed_out
        and "Traceback" not in text_err
        and seconds <= LIMIT_S
        and peak_mb <= LIMIT_MB
        and (good_found or shape.config)
        and proc.returncode in (0, 1, 2)
    )
    return {
        "name": name,
        "scale": scale,
        "bytes": len(data),
        "exit": proc.returncode,
        "seconds": round(seconds, 2),
        "peak_mb": peak_mb,
        "good_found": good_found,
        "traceback": "Traceback" in text_err,
        "bad": bad_summary,
        "ok": ok,
    }


def _children_peak_mb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="shapes to run (default: all)")
    parser.add_argument("--scales", default="1", help="comma-separated sizes, e.g. 1,2,4")
    args = parser.parse_args()
    names = args.names or [h.name for h in HOSTILE]
    scales = [float(s) for s in args.scales.split(",")]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            times = []
            for scale in scales:
                # run in a fresh child so ru_maxrss is this run's alone
                r = _isolated(name, scale, Path(tmp))
                times.append(r["seconds"])
                flag = "ok " if r["ok"] else "BAD"
                print(
                    f"{flag} {name:28} ×{scale:<3g} {r['bytes'] / 1e6:7.2f} MB  exit {r['exit']}  "
                    f"{r['seconds']:6.2f} s  {r['peak_mb']:5d} MB  {r['bad']}",
                    flush=True,
                )
                failed |= not r["ok"]
            if len(times) > 1:
                base = 0.4  # start-up, paid once whatever the size
                grow = [
                    (b - base) / max(a - base, 0.05) for a, b in zip(times, times[1:], strict=False)
                ]
                worst = max(grow)
                if worst > 3 and times[-1] > 2:
                    print(f"BAD {name}: time grows ×{worst:.1f} per doubling", flush=True)
                    failed = True
    return 1 if failed else 0


def _isolated(name: str, scale: float, workdir: Path) -> dict:
    """run_one in a forked child, so each run's peak memory is measured alone."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read)
        result = run_one(name, scale, workdir)
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks))


if __name__ == "__main__":
    sys.exit(main())
