package dev.weft.weaveutil.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A block of native memory seen as a {@link ByteBuffer}, with its address for system calls. Made once
 * and reused by a packet loop (allocated outside the Java heap and its direct-memory cap). The
 * buffer is big-endian (network order); {@link #nativeOrder()} gives a native-order view for
 * kernel structures.
 */
public final class IoBuffer {
    private final Memory memory;
    private final ByteBuffer buffer;
    private final long address;
    private final ByteBuffer nativeView;

    private IoBuffer(int size) {
        this.memory = new Memory(size);
        memory.clear();
        this.buffer = memory.getByteBuffer(0, size).order(ByteOrder.BIG_ENDIAN);
        this.address = Pointer.nativeValue(memory);
        this.nativeView = buffer.duplicate().order(ByteOrder.nativeOrder());
    }

    public static IoBuffer allocate(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("buffer size " + size);
        }
        return new IoBuffer(size);
    }

    /** The whole block; callers keep their own positions in it (this view is shared). */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** A native-order view of the whole block, for kernel structures; shared, so use absolute access only. */
    public ByteBuffer nativeOrder() {
        return nativeView;
    }

    public long address() {
        return address;
    }

    public int capacity() {
        return buffer.capacity();
    }
}
