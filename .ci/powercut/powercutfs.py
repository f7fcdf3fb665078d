#!/usr/bin/env python3
"""powercutfs: a FUSE file system that forgets, at a power cut, what was never synced.

Hatua promises that an answer the screen called saved survives a power cut. `kill -9`
cannot test that: the kernel keeps the killed process's writes in its page cache and
writes them out anyway. This file system keeps the page cache itself, in this process,
and can throw it away on request, the way a power cut does. The model, in short (the
README says it in full):

- A file's bytes (and its length) reach the "disk" only when the file is fsync'ed or
  fdatasync'ed; until then reads see them, a cut loses them.
- A folder's list of names (create, mkdir, unlink, rmdir, rename, link, symlink) reaches
  the disk only when that folder is fsync'ed. A rename between two folders is one atomic
  step: flushing either folder makes it durable in both.
- A cut keeps exactly what was flushed; with --torn, each page written since the last
  flush of its file survives or not at random, as the kernel's own writeback might have
  written it or not.
- After a cut every operation fails with EIO until the file system is unmounted.
- A clean unmount is a clean shutdown: everything reaches the disk.

The disk is the backing folder: it is read at mount and written, from the model, at the
cut and at a clean unmount. Nothing else touches it while mounted.

Control: a Unix socket (--control) takes one command per connection and answers one line:
  status          "ok mounted=1 dead=0 ops=N armed=-1"
  cut             cut the power now; "ok cut lost=FILES:BYTES entries=N"
  cut-after N     cut right after the Nth mutating operation from now; "ok armed N"
  sync            flush everything, as sync(2) does; "ok synced"
"""

import argparse
import errno
import logging
import os
import random
import socket
import stat
import sys
import threading
import time

import mfusepy as fuse

PAGE = 4096


class Inode:
    __slots__ = (
        "ino",
        "mode",
        "uid",
        "gid",
        "atime",
        "mtime",
        "ctime",
        "nlink",
        "opens",
        # regular files: what a read sees, and what is on the disk
        "data",
        "synced",
        # folders: name -> ino, as seen and as on the disk
        "entries",
        "synced_entries",
        # symbolic links
        "target",
    )

    def __init__(self, ino, mode, uid=0, gid=0):
        now = time.time_ns()
        self.ino = ino
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.atime = self.mtime = self.ctime = now
        self.nlink = 0
        self.opens = 0
        self.data = None
        self.synced = None
        self.entries = None
        self.synced_entries = None
        self.target = None
        if stat.S_ISDIR(mode):
            self.entries = {}
            self.synced_entries = {}
        elif stat.S_ISREG(mode):
            self.data = bytearray()
            self.synced = b""

    @property
    def is_dir(self):
        return self.entries is not None

    @property
    def is_file(self):
        return self.data is not None


class PowerCutFS:
    """The model, and the FUSE operations on it. Every operation holds `mutex`."""

    use_ns = True

    def __init__(self, backing, torn_seed=None):
        self.backing = os.path.abspath(backing)
        self.mutex = threading.Lock()
        self.inodes = {}
        self.next_ino = 1
        self.handles = {}  # fh -> ino
        self.next_fh = 1
        self.dead = False
        self.mounted = False
        self.ops = 0
        self.armed = -1
        self.torn = None if torn_seed is None else random.Random(torn_seed)
        # Renames between two folders not yet flushed: pairs of folder inos.
        self.cross_renames = []
        self.root = self._load(self.backing)

    # ----- loading and writing the disk -----

    def _new(self, mode, uid=0, gid=0):
        inode = Inode(self.next_ino, mode, uid, gid)
        self.next_ino += 1
        self.inodes[inode.ino] = inode
        return inode

    def _load(self, top):
        by_disk_ino = {}

        def load(path):
            st = os.lstat(path)
            key = (st.st_dev, st.st_ino)
            if key in by_disk_ino:  # a second hard link
                inode = self.inodes[by_disk_ino[key]]
                inode.nlink += 1
                return inode
            inode = self._new(st.st_mode, st.st_uid, st.st_gid)
            inode.atime, inode.mtime, inode.ctime = st.st_atime_ns, st.st_mtime_ns, st.st_ctime_ns
            if stat.S_ISDIR(st.st_mode):
                for name in sorted(os.listdir(path)):
                    child = load(os.path.join(path, name))
                    inode.entries[name] = child.ino
                    inode.synced_entries[name] = child.ino
                    if child.is_dir:
                        inode.nlink += 1
            elif stat.S_ISREG(st.st_mode):
                by_disk_ino[key] = inode.ino
                with open(path, "rb") as f:
                    content = f.read()
                inode.data = bytearray(content)
                inode.synced = content
            elif stat.S_ISLNK(st.st_mode):
                inode.target = os.readlink(path)
            else:
                raise SystemExit(f"powercutfs: {path}: only files, folders and links are kept")
            inode.nlink += 1 if not stat.S_ISDIR(st.st_mode) else 2
            return inode

        root = load(top)
        root.nlink = 2 + sum(1 for c in root.entries.values() if self.inodes[c].is_dir)
        return root

    def _durable_bytes(self, inode, lost):
        """What the disk holds for a file: its synced bytes, or with --torn a mix. Counts in
        `lost` the file and the bytes of the pages that differ from what reads saw."""
        current = bytes(inode.data)
        if current == inode.synced:
            return current
        if self.torn is None:
            _count_loss(lost, current, inode.synced)
            return inode.synced
        length = self.torn.choice([len(current), len(inode.synced)])
        out = bytearray(length)
        for start in range(0, length, PAGE):
            new = current[start : start + PAGE]
            old = inode.synced[start : start + PAGE]
            page = new if self.torn.random() < 0.5 else old
            page = page[: length - start]
            out[start : start + len(page)] = page
        out = bytes(out)
        if out != current:
            _count_loss(lost, current, out)
        return out

    def _write_disk(self, durable):
        """Replaces the backing folder's contents with the durable tree (durable=True) or
        the tree as seen (False, a clean shutdown). Returns [files with loss, bytes lost]."""
        lost = [0, 0]
        written = {}  # ino -> first path, for hard links
        for name in os.listdir(self.backing):
            _remove(os.path.join(self.backing, name))

        def write(inode, path):
            entries = inode.synced_entries if durable else inode.entries
            for name, ino in entries.items():
                child = self.inodes[ino]
                at = os.path.join(path, name)
                if child.is_dir:
                    os.mkdir(at, stat.S_IMODE(child.mode))
                    write(child, at)
                elif child.target is not None:
                    os.symlink(child.target, at)
                elif ino in written:
                    os.link(written[ino], at)
                else:
                    content = self._durable_bytes(child, lost) if durable else bytes(child.data)
                    fd = os.open(at, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IMODE(child.mode))
                    try:
                        os.write(fd, content)
                        os.fsync(fd)
                    finally:
                        os.close(fd)
                    os.utime(at, ns=(child.atime, child.mtime))
                    written[ino] = at
            os.utime(path, ns=(inode.atime, inode.mtime))

        write(self.root, self.backing)
        fd = os.open(self.backing, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
        return lost

    def lost_entries(self):
        """Names that differ between the seen and the durable tree, reachable from the root."""
        count = 0
        stack = [self.root]
        while stack:
            d = stack.pop()
            for name in set(d.entries) | set(d.synced_entries):
                if d.entries.get(name) != d.synced_entries.get(name):
                    count += 1
                ino = d.synced_entries.get(name)
                if ino is not None and self.inodes[ino].is_dir:
                    stack.append(self.inodes[ino])
        return count

    # ----- the power -----

    def cut(self):
        """Called with the lock held."""
        if self.dead:
            return "ok already cut"
        entries = self.lost_entries()
        lost = self._write_disk(durable=True)
        self.dead = True
        logging.info("power cut: %d files lost %d bytes, %d names lost", lost[0], lost[1], entries)
        return f"ok cut lost={lost[0]}:{lost[1]} entries={entries}"

    def sync_all(self):
        for inode in self.inodes.values():
            if inode.is_file:
                inode.synced = bytes(inode.data)
            elif inode.is_dir:
                inode.synced_entries = dict(inode.entries)
        self.cross_renames.clear()

    def control(self, line):
        words = line.split()
        with self.mutex:
            if words == ["status"]:
                return (
                    f"ok mounted={int(self.mounted)} dead={int(self.dead)} "
                    f"ops={self.ops} armed={self.armed}"
                )
            if words == ["cut"]:
                return self.cut()
            if len(words) == 2 and words[0] == "cut-after" and words[1].isdigit():
                self.armed = int(words[1])
                if self.armed == 0:
                    return self.cut()
                return f"ok armed {self.armed}"
            if words == ["sync"]:
                if self.dead:
                    return "error the power is cut"
                self.sync_all()
                return "ok synced"
        return f"error unknown command {line!r}"

    def _mutated(self):
        """Counts a mutating operation; cuts the power after it if armed for it."""
        self.ops += 1
        if self.armed > 0:
            self.armed -= 1
            if self.armed == 0:
                self.armed = -1
                self.cut()
                raise fuse.FuseOSError(errno.EIO)

    # ----- lookups -----

    def _alive(self):
        if self.dead:
            raise fuse.FuseOSError(errno.EIO)

    def _lookup(self, path):
        inode = self.root
        for part in path.split("/"):
            if not part:
                continue
            if not inode.is_dir:
                raise fuse.FuseOSError(errno.ENOTDIR)
            ino = inode.entries.get(part)
            if ino is None:
                raise fuse.FuseOSError(errno.ENOENT)
            inode = self.inodes[ino]
        return inode

    def _parent(self, path):
        head, name = os.path.split(path.rstrip("/"))
        parent = self._lookup(head)
        if not parent.is_dir:
            raise fuse.FuseOSError(errno.ENOTDIR)
        if len(name.encode()) > 255:
            raise fuse.FuseOSError(errno.ENAMETOOLONG)
        return parent, name

    def _inode(self, path, fh):
        if fh:
            ino = self.handles.get(fh)
            if ino is not None:
                return self.inodes[ino]
        if path is None:
            raise fuse.FuseOSError(errno.EBADF)
        return self._lookup(path)

    def _touch(self, inode, data=True):
        now = time.time_ns()
        if data:
            inode.mtime = now
        inode.ctime = now

    def _forget(self, inode):
        """Drops an inode nothing refers to any more, as seen or on the disk."""
        if inode.nlink > 0 or inode.opens > 0 or inode is self.root:
            return
        for d in self.inodes.values():
            if d.is_dir and inode.ino in d.synced_entries.values():
                return
        del self.inodes[inode.ino]

    # ----- FUSE operations -----

    def init(self, path):
        self.mounted = True

    def destroy(self, path):
        with self.mutex:
            if not self.dead:
                self._write_disk(durable=False)
                logging.info("clean unmount: everything written to %s", self.backing)
            self.dead = True
            self.mounted = False

    def getattr(self, path, fh=None):
        with self.mutex:
            self._alive()
            inode = self._inode(path, fh)
            if inode.is_file:
                size = len(inode.data)
            elif inode.target is not None:
                size = len(inode.target.encode())
            else:
                size = PAGE
            return {
                "st_ino": inode.ino,
                "st_mode": inode.mode,
                "st_nlink": inode.nlink,
                "st_uid": inode.uid,
                "st_gid": inode.gid,
                "st_size": size,
                "st_blocks": (size + 511) // 512,
                "st_blksize": PAGE,
                "st_atime": inode.atime,
                "st_mtime": inode.mtime,
                "st_ctime": inode.ctime,
            }

    def access(self, path, amode):
        with self.mutex:
            self._alive()
            self._lookup(path)
            return 0

    def statfs(self, path):
        with self.mutex:
            self._alive()
            used = sum(len(i.data) for i in self.inodes.values() if i.is_file) // PAGE
            total = 1 << 20  # 4 GiB of pages
            return {
                "f_bsize": PAGE,
                "f_frsize": PAGE,
                "f_blocks": total,
                "f_bfree": total - used,
                "f_bavail": total - used,
                "f_files": 1 << 20,
                "f_ffree": (1 << 20) - len(self.inodes),
                "f_favail": (1 << 20) - len(self.inodes),
                "f_namemax": 255,
            }

    def readdir(self, path, fh):
        with self.mutex:
            self._alive()
            inode = self._lookup(path)
            if not inode.is_dir:
                raise fuse.FuseOSError(errno.ENOTDIR)
            # With use_ino, an entry without its inode number reads as ino 0, which readdir(3)
            # skips: give each one its number and type.
            up = self._up(inode) or inode
            listing = [(".", inode), ("..", up)]
            listing += [(name, self.inodes[ino]) for name, ino in inode.entries.items()]
            return [(name, {"st_ino": i.ino, "st_mode": i.mode}, 0) for name, i in listing]

    def opendir(self, path):
        with self.mutex:
            self._alive()
            inode = self._lookup(path)
            if not inode.is_dir:
                raise fuse.FuseOSError(errno.ENOTDIR)
            return self._open_handle(inode)

    def releasedir(self, path, fh):
        return self.release(path, fh)

    def fsyncdir(self, path, datasync, fh):
        with self.mutex:
            self._alive()
            inode = self._inode(path, fh)
            # A rename between two folders is one step: both folders' lists go together,
            # and so do the folders those share other pending renames with.
            todo = {inode.ino}
            changed = True
            while changed:
                changed = False
                for a, b in self.cross_renames:
                    if (a in todo) != (b in todo):
                        todo |= {a, b}
                        changed = True
            self.cross_renames = [(a, b) for a, b in self.cross_renames if a not in todo]
            for ino in todo:
                d = self.inodes.get(ino)
                if d is not None:
                    old = d.synced_entries
                    d.synced_entries = dict(d.entries)
                    for gone in set(old.values()) - set(d.entries.values()):
                        if gone in self.inodes:
                            self._forget(self.inodes[gone])
            self._mutated()
            return 0

    def readlink(self, path):
        with self.mutex:
            self._alive()
            inode = self._lookup(path)
            if inode.target is None:
                raise fuse.FuseOSError(errno.EINVAL)
            return inode.target

    def _open_handle(self, inode):
        fh = self.next_fh
        self.next_fh += 1
        self.handles[fh] = inode.ino
        inode.opens += 1
        return fh

    def _link_new(self, path, mode):
        parent, name = self._parent(path)
        if name in parent.entries:
            raise fuse.FuseOSError(errno.EEXIST)
        uid, gid, _ = fuse.fuse_get_context()
        inode = self._new(mode, uid, gid)
        parent.entries[name] = inode.ino
        self._touch(parent)
        return parent, inode

    def create(self, path, mode, flags=0):
        with self.mutex:
            self._alive()
            _, inode = self._link_new(path, stat.S_IFREG | stat.S_IMODE(mode))
            inode.nlink = 1
            fh = self._open_handle(inode)
            self._mutated()
            return fh

    def open(self, path, flags):
        with self.mutex:
            self._alive()
            inode = self._lookup(path)
            if inode.is_dir and flags & (os.O_WRONLY | os.O_RDWR):
                raise fuse.FuseOSError(errno.EISDIR)
            fh = self._open_handle(inode)
            if flags & os.O_TRUNC and inode.is_file and inode.data:
                inode.data = bytearray()
                self._touch(inode)
                self._mutated()
            return fh

    def release(self, path, fh):
        with self.mutex:
            ino = self.handles.pop(fh, None)
            inode = self.inodes.get(ino) if ino is not None else None
            if inode is not None:
                inode.opens -= 1
                self._forget(inode)
            return 0

    def flush(self, path, fh):
        # close() flushes nothing to the disk: that is fsync's job. It succeeds even after
        # the cut, so that a process can let go of the mount.
        return 0

    def read(self, path, size, offset, fh):
        with self.mutex:
            self._alive()
            inode = self._inode(path, fh)
            if not inode.is_file:
                raise fuse.FuseOSError(errno.EISDIR)
            return bytes(inode.data[offset : offset + size])

    def write(self, path, data, offset, fh):
        with self.mutex:
            self._alive()
            inode = self._inode(path, fh)
            if not inode.is_file:
                raise fuse.FuseOSError(errno.EISDIR)
            if offset > len(inode.data):
                inode.data.extend(b"\0" * (offset - len(inode.data)))
            inode.data[offset : offset + len(data)] = data
            self._touch(inode)
            self._mutated()
            return len(data)

    def truncate(self, path, length, fh=None):
        with self.mutex:
            self._alive()
            inode = self._inode(path, fh)
            if not inode.is_file:
                raise fuse.FuseOSError(errno.EISDIR)
            if length < len(inode.data):
                del inode.data[length:]
            else:
                inode.data.extend(b"\0" * (length - len(inode.data)))
            self._touch(inode)
            self._mutated()
            return 0

    def fallocate(self, path, mode, offset, size, fh):
        with self.mutex:
            self._alive()
            inode = self._inode(path, fh)
            if mode != 0:
                raise fuse.FuseOSError(errno.EOPNOTSUPP)
            end = offset + size
            if end > len(inode.data):
                inode.data.extend(b"\0" * (end - len(inode.data)))
                self._touch(inode)
            self._mutated()
            return 0

    def fsync(self, path, datasync, fh):
        # fsync and fdatasync alike: the bytes and the length (which fdatasync also
        # flushes, as it is needed to read the bytes back).
        with self.mutex:
            self._alive()
            inode = self._inode(path, fh)
            if inode.is_file:
                inode.synced = bytes(inode.data)
            self._mutated()
            return 0

    def mkdir(self, path, mode):
        with self.mutex:
            self._alive()
            parent, inode = self._link_new(path, stat.S_IFDIR | stat.S_IMODE(mode))
            inode.nlink = 2
            parent.nlink += 1
            self._mutated()
            return 0

    def symlink(self, path, target):
        with self.mutex:
            self._alive()
            _, inode = self._link_new(path, stat.S_IFLNK | 0o777)
            inode.target = target
            inode.nlink = 1
            self._mutated()
            return 0

    def link(self, path, existing):
        with self.mutex:
            self._alive()
            inode = self._lookup(existing)
            if inode.is_dir:
                raise fuse.FuseOSError(errno.EPERM)
            parent, name = self._parent(path)
            if name in parent.entries:
                raise fuse.FuseOSError(errno.EEXIST)
            parent.entries[name] = inode.ino
            inode.nlink += 1
            self._touch(parent)
            self._touch(inode, data=False)
            self._mutated()
            return 0

    def _entry(self, path):
        """The folder holding `path`, the name in it, and what the name refers to."""
        parent, name = self._parent(path)
        ino = parent.entries.get(name)
        if ino is None:
            raise fuse.FuseOSError(errno.ENOENT)
        return parent, name, self.inodes[ino]

    def unlink(self, path):
        with self.mutex:
            self._alive()
            parent, name, inode = self._entry(path)
            if inode.is_dir:
                raise fuse.FuseOSError(errno.EISDIR)
            del parent.entries[name]
            inode.nlink -= 1
            self._touch(parent)
            self._touch(inode, data=False)
            self._forget(inode)
            self._mutated()
            return 0

    def rmdir(self, path):
        with self.mutex:
            self._alive()
            parent, name, inode = self._entry(path)
            if not inode.is_dir:
                raise fuse.FuseOSError(errno.ENOTDIR)
            if inode.entries:
                raise fuse.FuseOSError(errno.ENOTEMPTY)
            del parent.entries[name]
            parent.nlink -= 1
            inode.nlink = 0
            self._touch(parent)
            self._forget(inode)
            self._mutated()
            return 0

    def rename(self, old, new):
        with self.mutex:
            self._alive()
            src, src_name, moving = self._entry(old)
            dst, dst_name = self._parent(new)
            ino = moving.ino
            if moving.is_dir:
                # A folder may not move into itself.
                at = dst
                while True:
                    if at.ino == moving.ino:
                        raise fuse.FuseOSError(errno.EINVAL)
                    up = self._up(at)
                    if up is None:
                        break
                    at = up
            replaced_ino = dst.entries.get(dst_name)
            if replaced_ino == ino:
                return 0
            if replaced_ino is not None:
                replaced = self.inodes[replaced_ino]
                if replaced.is_dir != moving.is_dir:
                    raise fuse.FuseOSError(errno.EISDIR if replaced.is_dir else errno.ENOTDIR)
                if replaced.is_dir and replaced.entries:
                    raise fuse.FuseOSError(errno.ENOTEMPTY)
            del src.entries[src_name]
            dst.entries[dst_name] = ino
            if replaced_ino is not None:
                replaced.nlink = 0 if replaced.is_dir else replaced.nlink - 1
                if replaced.is_dir:
                    dst.nlink -= 1
                self._forget(replaced)
            if moving.is_dir and src is not dst:
                src.nlink -= 1
                dst.nlink += 1
            if src is not dst:
                self.cross_renames.append((src.ino, dst.ino))
            self._touch(src)
            self._touch(dst)
            self._touch(moving, data=False)
            self._mutated()
            return 0

    def _up(self, d):
        for other in self.inodes.values():
            if other.is_dir and d.ino in other.entries.values():
                return other
        return None

    def chmod(self, path, mode):
        with self.mutex:
            self._alive()
            inode = self._lookup(path)
            inode.mode = stat.S_IFMT(inode.mode) | stat.S_IMODE(mode)
            self._touch(inode, data=False)
            return 0

    def chown(self, path, uid, gid):
        with self.mutex:
            self._alive()
            inode = self._lookup(path)
            if uid != -1:
                inode.uid = uid
            if gid != -1:
                inode.gid = gid
            self._touch(inode, data=False)
            return 0

    def utimens(self, path, times=None):
        with self.mutex:
            self._alive()
            inode = self._lookup(path)
            now = time.time_ns()
            inode.atime, inode.mtime = times if times else (now, now)
            inode.ctime = now
            return 0


def _count_loss(lost, seen, kept):
    lost[0] += 1
    for start in range(0, max(len(seen), len(kept)), PAGE):
        a, b = seen[start : start + PAGE], kept[start : start + PAGE]
        if a != b:
            lost[1] += max(len(a), len(b))


def _remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        for name in os.listdir(path):
            _remove(os.path.join(path, name))
        os.rmdir(path)
    else:
        os.unlink(path)


class _FUSE(fuse.FUSE):
    """mfusepy, with the two calls it simplifies for libfuse 3 made exact."""

    def truncate_fuse_3(self, path, length, fip):
        fh = fip.contents.fh if fip else None
        return self.operations.truncate(None if path is None else path.decode(), length, fh)

    def rename_fuse_3(self, old, new, flags):
        # RENAME_NOREPLACE and RENAME_EXCHANGE are not modelled: refuse them rather than
        # do a plain rename the caller did not ask for.
        if flags:
            return -errno.EINVAL
        return self.operations.rename(old.decode(), new.decode())


def serve_control(fs, path):
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(8)

    def loop():
        while True:
            conn, _ = server.accept()
            with conn:
                data = b""
                while not data.endswith(b"\n"):
                    chunk = conn.recv(1024)
                    if not chunk:
                        break
                    data += chunk
                try:
                    answer = fs.control(data.decode().strip())
                except Exception as e:  # the answer says what went wrong; the fs goes on
                    logging.exception("control command failed")
                    answer = f"error {e}"
                conn.sendall(answer.encode() + b"\n")

    threading.Thread(target=loop, daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backing", help="the folder that plays the disk")
    parser.add_argument("mountpoint")
    parser.add_argument("--control", required=True, help="the Unix socket to listen on")
    parser.add_argument("--torn", type=int, metavar="SEED", help="tear unsynced pages at a cut")
    parser.add_argument("--log", help="a file for the log (default: standard error)")
    args = parser.parse_args()
    logging.basicConfig(
        filename=args.log,
        level=logging.INFO,
        format="%(asctime)s powercutfs %(levelname)s %(message)s",
    )
    fs = PowerCutFS(args.backing, args.torn)
    serve_control(fs, args.control)
    _FUSE(
        fs,
        args.mountpoint,
        foreground=True,
        nothreads=True,
        fsname="powercutfs",
        use_ino=True,
        hard_remove=True,
        default_permissions=True,
        attr_timeout=0,
        entry_timeout=0,
        negative_timeout=0,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
