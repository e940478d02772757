package dev.weft.weaveutil.netlink;

import dev.weft.weaveutil.jna.TunFile;
import dev.weft.weaveutil.ns.NetNs;

/**
 * A TAP device and its open file: Ethernet frames written here come out of the device, frames
 * sent to the device are read here ({@code ip tuntap add NAME mode tap}). Closing the file removes
 * a non-persistent device.
 */
public final class TapDevice implements AutoCloseable {
    private final TunFile file;

    private TapDevice(TunFile file) {
        this.file = file;
    }

    /** Creates (or attaches to) the TAP device in the calling thread's namespace. */
    public static TapDevice open(String name) {
        LinkNames.requireValid(name);
        return new TapDevice(TunFile.openTap(name, false));
    }

    /** Creates (or attaches to) the TAP device in {@code ns}. */
    public static TapDevice open(NetNs ns, String name) {
        LinkNames.requireValid(name);
        try {
            return new TapDevice(ns.call(() -> TunFile.openTap(name, false)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("create tap " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return file.name();
    }

    /** Blocks for the next frame; returns its length. */
    public int read(byte[] frame) {
        return file.read(frame);
    }

    public void write(byte[] frame, int length) {
        file.write(frame, length);
    }

    @Override
    public void close() {
        file.close();
    }
}
