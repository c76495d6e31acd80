"""Checking files under a watchdog, so one file can never end or stall a batch.

Each file is checked by `check_one`, which turns any exception into a finding for that file
(GX009, or GX008 for MemoryError). Files are checked in worker processes forked from the CLI
once the rules are loaded; a worker runs under a memory ceiling (RLIMIT_AS: what it started
with plus `limits.memory_mb`) and each file under a wall-clock budget (`limits.seconds` plus
`limits.seconds_per_mb` per MB). A worker past its budget is killed, its file gets GX008, and a
fresh worker takes the next file. A worker that dies (a crash in a C library, the kernel's
out-of-memory killer) costs its file a finding, never the batch.

Only a single small .txt is checked in the CLI's own process: forking buys nothing there, and
the limits on text already bound it.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gxlint.analysis import CheckOptions
from gxlint.engine import FileResult, Rule, describe, lint_bytes, lint_path, unreadable
from gxlint.i18n import Text
from gxlint.limits import MB, LimitExceeded, Limits

IN_PROCESS_MAX_BYTES = 256 * 1024
PARALLEL_FROM = 16  # fewer files than this are checked by one worker: forking more costs more
_TEXT_SUFFIXES = (".txt", ".text", "")

# A file to check: a path, or (display name, bytes) for stdin.
Item = Path | tuple[str, bytes]


@dataclass
class Job:
    """What every check needs besides the file; set before the workers fork."""

    rules: list[Rule]
    template: str | None
    select: set[str] | None
    options: CheckOptions
    limits: Limits
    # files whose closest configuration differs from the run's (hierarchy.py), by path
    per_file: dict[str, Job] = field(default_factory=dict)

    def for_item(self, item: Item) -> Job:
        """The job `item` is checked with."""
        if self.per_file and isinstance(item, Path):
            return self.per_file.get(str(item), self)
        return self


def _name(item: Item) -> str:
    return str(item) if isinstance(item, Path) else item[0]


def _size(item: Item) -> int:
    if isinstance(item, Path):
        try:
            return item.stat().st_size
        except OSError:
            return 0
    return len(item[1])


def check_one(item: Item, job: Job) -> FileResult:
    """One file's result, whatever happens inside: an exception is a finding, not a traceback."""
    name = _name(item)
    job = job.for_item(item)
    try:
        if isinstance(item, Path):
            return lint_path(item, job.rules, job.template, job.select, job.options, job.limits)
        return lint_bytes(
            item[1], name, job.rules, job.template, job.select, job.options, job.limits
        )
    except MemoryError:
        pass  # build the result below: leaving this block frees the frames that hold the data
    except Exception as exc:  # noqa: BLE001 - the contract: a file never ends the batch
        why = describe(exc)
        result = unreadable(name, "GX009", Text(f"检查时出错：{why}", f"checking failed: {why}"))
        result.traceback = traceback.format_exc()
        return result
    return memory_exceeded(name, job.limits)


def memory_exceeded(name: str, limits: Limits) -> FileResult:
    """The result of a file stopped at the memory ceiling."""
    exc = LimitExceeded(
        "memory_mb",
        Text(
            f"检查所需内存超过 {limits.memory_mb:,} MB 的上限；已停止检查该文件",
            f"checking needs more than {limits.memory_mb:,} MB of memory; stopped checking this file",
        ),
    )
    return unreadable(name, exc.rule, exc.text)


def out_of_memory(result: FileResult) -> bool:
    """Whether a result says its worker ran out of memory (the worker is then replaced)."""
    return any(f.rule == "GX008" and "limits.memory-mb" in f.message for f in result.findings)


def time_exceeded(name: str, seconds: float) -> FileResult:
    """The result of a file stopped at its time budget."""
    exc = LimitExceeded(
        "seconds",
        Text(
            f"检查时间超过 {seconds:.0f} 秒的上限（limits.seconds + limits.seconds-per-mb × 文件 MB）；"
            "已停止检查该文件",
            f"checking took longer than {seconds:.0f} s (limits.seconds + limits.seconds-per-mb ×"
            " file MB); stopped checking this file",
        ),
    )
    return unreadable(name, exc.rule, exc.text)


def default_jobs(n_files: int) -> int:
    """Workers for a batch: one below PARALLEL_FROM files, else the cores (at most 8)."""
    if n_files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def in_process(items: list[Item]) -> bool:
    """A single small text file is checked without a worker."""
    if len(items) != 1:
        return False
    item = items[0]
    suffix = Path(_name(item)).suffix.lower()
    return suffix in _TEXT_SUFFIXES and _size(item) <= IN_PROCESS_MAX_BYTES


def check_files(items: Iterable[Item], job: Job, jobs: int) -> Iterator[FileResult]:
    """FileResults in the order of `items`."""
    items = list(items)
    if not items:
        return  # (no --history, say): nothing to fork for
    if in_process(items) or not _can_fork():
        for item in items:
            yield check_one(item, job)
        return
    from gxlint.parse.outline import outline_parser

    outline_parser()  # build (or load) the LALR tables once, before the workers fork
    yield from _Pool(job, max(1, jobs)).run(items)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


# --- the workers ----------------------------------------------------------------------------


def _limit_memory(extra_mb: int) -> None:
    """Cap this process's address space at what it has now plus `extra_mb`."""
    try:
        import resource

        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[0])
        ceiling = pages * os.sysconf("SC_PAGE_SIZE") + extra_mb * MB
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    except (OSError, ValueError, ImportError):
        pass  # no /proc or no RLIMIT_AS (not Linux): the time budget still holds


# A worker that runs out of memory where it cannot answer exits with this code.
EXIT_OUT_OF_MEMORY = 86


def _serve(conn, job: Job) -> None:
    """A worker: check the files it is sent until told to stop (None) or the parent is gone."""
    try:
        _serve_files(conn, job)
    except MemoryError:
        os._exit(EXIT_OUT_OF_MEMORY)


def _serve_files(conn, job: Job) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    sys.stdout = open(os.devnull, "w")  # never flush a copy of the parent's output buffer
    _limit_memory(job.limits.memory_mb)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        result = check_one(item, job)
        exhausted = out_of_memory(result)
        try:
            conn.send((index, result))
        except MemoryError:
            del result  # a result too large to send: say so in a small one
            conn.send((index, memory_exceeded(_name(item), job.limits)))
            return
        except (BrokenPipeError, OSError):
            return
        if exhausted:
            return  # after a MemoryError, start afresh rather than trust a fragmented heap


class _Worker:
    """One worker process and the files it holds: the one it is checking (first) and up to
    PREFETCH - 1 waiting in its pipe, so it never idles for a round trip. The deadline is the
    first file's: set when the file was sent to an idle worker, or when the previous result
    arrived (that is when the worker started on it)."""

    PREFETCH = 2

    def __init__(self, job: Job) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()  # a forked child must not inherit unwritten output
            except (OSError, ValueError, AttributeError):
                pass
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, job), daemon=True)
        self.process.start()
        child.close()
        self.held: deque[tuple[int, Item, float]] = deque()  # (index, item, budget)
        self.deadline = 0.0

    def give(self, index: int, item: Item, budget: float) -> None:
        if not self.held:
            self.deadline = time.monotonic() + budget
        self.held.append((index, item, budget))
        self.conn.send((index, item))

    def finished_first(self) -> tuple[int, Item, float]:
        first = self.held.popleft()
        if self.held:
            self.deadline = time.monotonic() + self.held[0][2]
        return first

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
        self.process.join(timeout=None if kill else 2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    """Up to `jobs` workers, each holding up to PREFETCH files."""

    def __init__(self, job: Job, jobs: int) -> None:
        self.job, self.jobs = job, jobs
        self.workers: list[_Worker] = []

    def run(self, items: list[Item]) -> Iterator[FileResult]:
        from multiprocessing.connection import wait

        pending = deque(enumerate(items))
        done: dict[int, FileResult] = {}
        next_out = 0
        try:
            while next_out < len(items):
                self._hand_out(pending)
                busy = [w for w in self.workers if w.held]
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = wait([w.conn for w in busy], timeout)
                for worker in busy:
                    if worker.conn in ready:
                        self._collect(worker, done, pending)
                    elif time.monotonic() >= worker.deadline:
                        index, item, budget = worker.finished_first()
                        done[index] = time_exceeded(_name(item), budget)
                        self._retire(worker, pending)
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
        finally:
            for worker in list(self.workers):
                worker.stop(kill=bool(worker.held))
            self.workers.clear()

    def _budget(self, item: Item) -> float:
        return self.job.for_item(item).limits.seconds_for(_size(item))

    def _hand_out(self, pending: deque) -> None:
        for worker in self.workers:
            while pending and self._may_take(worker, pending[0][1]):
                index, item = pending.popleft()
                worker.give(index, item, self._budget(item))
        while pending and len(self.workers) < self.jobs:
            worker = _Worker(self.job)
            self.workers.append(worker)
            index, item = pending.popleft()
            worker.give(index, item, self._budget(item))

    @staticmethod
    def _may_take(worker: _Worker, item: Item) -> bool:
        """An idle worker takes anything; a busy one only a path to wait in its pipe. Bytes
        (stdin) could fill the pipe while the worker is sending a large result back, and
        each side would wait for the other."""
        if not worker.held:
            return True
        return len(worker.held) < _Worker.PREFETCH and isinstance(item, Path)

    def _collect(self, worker: _Worker, done: dict[int, FileResult], pending: deque) -> None:
        try:
            index, result = worker.conn.recv()
        except (EOFError, OSError, MemoryError):
            worker.process.join(timeout=2)
            first, item, _budget = worker.finished_first()
            done[first] = _died(_name(item), worker.process.exitcode, self.job)
            self._retire(worker, pending)
            return
        worker.finished_first()
        done[index] = result
        if out_of_memory(result):
            self._retire(worker, pending)  # it exits after a MemoryError

    def _retire(self, worker: _Worker, pending: deque) -> None:
        """Stop a worker; the files it still held go back to the front of the queue."""
        worker.stop(kill=True)
        for index, item, _budget in reversed(worker.held):
            pending.appendleft((index, item))
        worker.held.clear()
        self.workers.remove(worker)


def _died(name: str, exitcode: int | None, job: Job) -> FileResult:
    """A worker that died without answering: out of memory (SIGKILL by the kernel, SIGABRT from
    a C library's failed allocation, or our own exit code) or crashed."""
    if exitcode in (-signal.SIGKILL, -signal.SIGABRT, EXIT_OUT_OF_MEMORY):
        return memory_exceeded(name, job.limits)
    how = (
        Text(f"信号 {-exitcode}", f"signal {-exitcode}")
        if exitcode is not None and exitcode < 0
        else Text(f"退出码 {exitcode}", f"exit code {exitcode}")
    )
    return unreadable(
        name,
        "GX009",
        Text(
            f"检查进程意外退出（{how.zh}）；其他文件照常检查",
            f"the checking process ended unexpectedly ({how.en}); the other files are checked",
        ),
    )
