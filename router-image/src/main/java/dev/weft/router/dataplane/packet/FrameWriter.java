package dev.weft.router.dataplane.packet;

import dev.weft.weaveutil.jna.IoBuffer;

/** Where delivered frames go: {@code length} bytes at {@code offset} in {@code buffer}, a vnet header first. */
@FunctionalInterface
public interface FrameWriter {
    /** Writes one frame; returns 0 or the errno of a failed write (the frame is then lost). */
    int write(IoBuffer buffer, int offset, int length);
}
