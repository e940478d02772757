package dev.weft.router.dataplane.sleeve;

import dev.weft.weaveutil.jna.IoBuffer;

/**
 * The sleeve's port on the weave bridge: frames (each behind a 10-byte vnet header) read from and
 * written to it. The kernel's is an offloaded TAP ({@link KernelTapPort}); tests use in-memory ones.
 */
public interface TapPort extends AutoCloseable {

    /** Reads one frame into {@code buffer} at {@code offset}; its length, or -1 when none is queued. */
    int read(IoBuffer buffer, int offset, int capacity);

    /** Writes one frame; 0 or the errno. */
    int write(IoBuffer buffer, int offset, int length);

    /** Waits up to {@code timeoutMillis} for a frame; false on timeout. */
    boolean awaitReadable(int timeoutMillis);

    @Override
    void close();
}
