package dev.weft.weaveutil.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * Network namespace system calls. {@code setns} and {@code unshare} act on the calling thread only;
 * callers must run them on a thread they own (see {@code dev.weft.weaveutil.ns}).
 */
public final class Namespaces {
    private Namespaces() {
    }

    /** Moves the calling thread into the network namespace held open by {@code fd}. */
    public static void enterNetwork(int fd, String description) {
        NativeSupport.ensureAvailable();
        if (LibC.setns(fd, LibC.CLONE_NEWNET) != 0) {
            throw new NativeCallException("setns " + description, Native.getLastError());
        }
    }

    /** Gives the calling thread a fresh, empty network namespace. */
    public static void unshareNetwork() {
        NativeSupport.ensureAvailable();
        if (LibC.unshare(LibC.CLONE_NEWNET) != 0) {
            throw new NativeCallException("unshare network namespace", Native.getLastError());
        }
    }

    /** Bind-mounts {@code source} onto {@code target} (how a named netns is pinned under /run/netns). */
    public static void bindMount(String source, String target) {
        NativeSupport.ensureAvailable();
        if (LibC.mount(source, target, "none", new NativeLong(LibC.MS_BIND), null) != 0) {
            throw new NativeCallException("bind mount " + source + " on " + target, Native.getLastError());
        }
    }

    /** Lazily unmounts {@code target}; false if it was not mounted. */
    public static boolean unmount(String target) {
        NativeSupport.ensureAvailable();
        if (LibC.umount2(target, LibC.MNT_DETACH) != 0) {
            int errno = Native.getLastError();
            if (errno == 22 || errno == 2) { // EINVAL: not a mount point; ENOENT: gone
                return false;
            }
            throw new NativeCallException("unmount " + target, errno);
        }
        return true;
    }
}
