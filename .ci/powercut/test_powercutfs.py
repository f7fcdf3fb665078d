"""The file system's own tests: it loses what a power cut loses, and keeps what was synced.

If these pass, a durability bug in the code under test shows up as a loss after a cut;
if powercutfs kept too much, the Hatua tests could not fail. Run as root:

    VENV/bin/python -m unittest .ci/powercut/test_powercutfs.py
"""

import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FS = os.path.join(HERE, "powercutfs.py")


class Mount:
    """powercutfs on a fresh backing folder, stopped (and unmounted) on exit."""

    def __init__(self, torn=None, backing=None):
        self.work = tempfile.mkdtemp(prefix="powercutfs-test.")
        self.backing = backing or os.path.join(self.work, "disk")
        self.mnt = os.path.join(self.work, "mnt")
        self.sock = os.path.join(self.work, "control")
        os.makedirs(self.backing, exist_ok=True)
        os.mkdir(self.mnt)
        args = [sys.executable, FS, self.backing, self.mnt, "--control", self.sock]
        if torn is not None:
            args += ["--torn", str(torn)]
        self.log = open(os.path.join(self.work, "log"), "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 20
        while True:
            try:
                if "mounted=1" in self.control("status") and os.path.ismount(self.mnt):
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"powercutfs did not mount; see {self.log.name}")
            time.sleep(0.05)

    def control(self, command):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(self.sock)
            s.sendall(command.encode() + b"\n")
            return s.makefile().readline().strip()

    def path(self, name):
        return os.path.join(self.mnt, name)

    def disk(self, name):
        return os.path.join(self.backing, name)

    def cut(self):
        """Cuts the power and unmounts: the caller holds no file open on the mount."""
        answer = self.control("cut")
        assert answer.startswith("ok cut"), answer
        self.stop()
        return answer

    def stop(self):
        if self.proc.poll() is None:
            subprocess.run(["umount", self.mnt], check=False)
            self.proc.wait(timeout=20)
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def write(path, data, sync=False):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def sync_dir(path):
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read(path):
    with open(path, "rb") as f:
        return f.read()


class PowerCut(unittest.TestCase):
    def test_a_write_never_synced_is_lost_and_a_synced_one_kept(self):
        with Mount() as m:
            write(m.path("kept"), b"old", sync=True)
            sync_dir(m.mnt)
            write(m.path("kept"), b"synced", sync=True)
            write(m.path("lost"), b"page cache only")
            sync_dir(m.mnt)
            self.assertEqual(read(m.path("lost")), b"page cache only", "reads see held data")
            m.cut()
            self.assertEqual(read(m.disk("kept")), b"synced")
            # Its name was flushed with the folder, its bytes never were.
            self.assertEqual(read(m.disk("lost")), b"")

    def test_a_new_file_synced_but_not_its_folder_is_gone(self):
        with Mount() as m:
            write(m.path("new"), b"data", sync=True)
            m.cut()
            self.assertFalse(os.path.exists(m.disk("new")))

    def test_write_then_rename_without_fsync_loses_the_data(self):
        with Mount() as m:
            write(m.path("target"), b"old", sync=True)
            sync_dir(m.mnt)
            write(m.path(".target.tmp"), b"new")
            os.rename(m.path(".target.tmp"), m.path("target"))
            sync_dir(m.mnt)
            m.cut()
            self.assertEqual(read(m.disk("target")), b"", "the classic zero-length file")

    def test_a_rename_not_flushed_is_undone(self):
        with Mount() as m:
            write(m.path("a"), b"one", sync=True)
            sync_dir(m.mnt)
            os.rename(m.path("a"), m.path("b"))
            m.cut()
            self.assertEqual(sorted(os.listdir(m.backing)), ["a"])
            self.assertEqual(read(m.disk("a")), b"one")

    def test_a_rename_between_folders_is_one_step(self):
        with Mount() as m:
            os.mkdir(m.path("from"))
            os.mkdir(m.path("to"))
            write(m.path("from/f"), b"x", sync=True)
            sync_dir(m.path("from"))
            sync_dir(m.path("to"))
            sync_dir(m.mnt)
            os.rename(m.path("from/f"), m.path("to/f"))
            sync_dir(m.path("to"))
            m.cut()
            self.assertEqual(os.listdir(m.disk("from")), [])
            self.assertEqual(read(m.disk("to/f")), b"x")

    def test_a_new_folder_needs_its_parent_flushed(self):
        with Mount() as m:
            os.makedirs(m.path("a/b"))
            write(m.path("a/b/f"), b"x", sync=True)
            sync_dir(m.path("a/b"))
            sync_dir(m.path("a"))
            m.cut()
            self.assertFalse(os.path.exists(m.disk("a")))

    def test_after_the_cut_everything_fails(self):
        with Mount() as m:
            fd = os.open(m.path("f"), os.O_WRONLY | os.O_CREAT, 0o644)
            self.assertTrue(m.control("cut").startswith("ok cut"))
            with self.assertRaises(OSError):
                os.write(fd, b"x")
            with self.assertRaises(OSError):
                os.fsync(fd)
            with self.assertRaises(OSError):
                os.listdir(m.mnt)
            os.close(fd)

    def test_an_armed_cut_fires_after_that_many_writes(self):
        with Mount() as m:
            write(m.path("f"), b"", sync=True)
            sync_dir(m.mnt)
            self.assertEqual(m.control("cut-after 3"), "ok armed 3")
            fd = os.open(m.path("f"), os.O_WRONLY)
            os.pwrite(fd, b"1", 0)
            os.fsync(fd)
            with self.assertRaises(OSError):
                os.pwrite(fd, b"2", 1)
            os.close(fd)
            self.assertIn("dead=1", m.control("status"))
            m.stop()
            self.assertEqual(read(m.disk("f")), b"1")

    def test_a_clean_unmount_keeps_everything(self):
        with Mount() as m:
            os.mkdir(m.path("d"))
            write(m.path("d/f"), b"kept")
            os.link(m.path("d/f"), m.path("g"))
            m.stop()
            self.assertEqual(read(m.disk("d/f")), b"kept")
            self.assertEqual(os.stat(m.disk("g")).st_ino, os.stat(m.disk("d/f")).st_ino)

    def test_torn_pages_survive_at_random(self):
        new = bytes([7]) * (4096 * 64)
        with Mount(torn=1) as m:
            write(m.path("f"), bytes(4096 * 64), sync=True)
            sync_dir(m.mnt)
            write(m.path("f"), new)
            m.cut()
            got = read(m.disk("f"))
            pages = {got[i : i + 4096] for i in range(0, len(got), 4096)}
            self.assertEqual(pages, {bytes(4096), new[:4096]}, "some pages old, some new")


class SQLiteOnIt(unittest.TestCase):
    def test_wal_works_and_a_commit_is_lost_only_without_fsync(self):
        with Mount() as m:
            db = m.path("t.db")
            a = sqlite3.connect(db, isolation_level=None)
            self.assertEqual(a.execute("PRAGMA journal_mode=WAL").fetchone()[0], "wal")
            a.execute("PRAGMA synchronous=FULL")
            a.execute("CREATE TABLE t (x)")
            a.execute("INSERT INTO t VALUES ('full')")
            # A second connection reads through the shared-memory index (-shm, mmap'ed).
            b = sqlite3.connect(db, isolation_level=None)
            self.assertEqual(b.execute("PRAGMA journal_mode").fetchone()[0], "wal")
            self.assertEqual(b.execute("SELECT x FROM t").fetchall(), [("full",)])
            a.execute("PRAGMA synchronous=OFF")
            a.execute("INSERT INTO t VALUES ('off')")
            self.assertEqual(len(b.execute("SELECT x FROM t").fetchall()), 2)
            self.assertTrue(m.control("cut").startswith("ok cut"))
            a.close()
            b.close()
            m.stop()
            c = sqlite3.connect(m.disk("t.db"))
            self.assertEqual(c.execute("SELECT x FROM t").fetchall(), [("full",)])
            self.assertEqual(c.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            c.close()


if __name__ == "__main__":
    unittest.main()
