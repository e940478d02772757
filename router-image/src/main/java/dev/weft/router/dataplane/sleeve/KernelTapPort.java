package dev.weft.router.dataplane.sleeve;

import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.TapOptions;
import dev.weft.weaveutil.jna.TunFile;
import dev.weft.weaveutil.ns.NetNs;

/** An offloaded TAP device: 64 KiB TCP segments and partial checksums pass both ways (see {@link TapOptions#offloaded()}). */
public final class KernelTapPort implements TapPort {
    private final TunFile file;

    private KernelTapPort(TunFile file) {
        this.file = file;
    }

    /** Creates TAP {@code name} in {@code ns} (gone again when closed or when this process dies). */
    public static KernelTapPort open(NetNs ns, String name) throws Exception {
        TapOptions options = SleeveTuning.fromSystemProperties().offload() ? TapOptions.offloaded()
                : new TapOptions(true, 0, true);
        return new KernelTapPort(ns.call(() -> TunFile.openTap(name, false, options)));
    }

    public String name() {
        return file.name();
    }

    @Override
    public int read(IoBuffer buffer, int offset, int capacity) {
        return file.read(buffer.address() + offset, capacity);
    }

    @Override
    public int write(IoBuffer buffer, int offset, int length) {
        return file.write(buffer.address() + offset, length);
    }

    @Override
    public boolean awaitReadable(int timeoutMillis) {
        return file.awaitReadable(timeoutMillis);
    }

    @Override
    public void close() {
        file.close();
    }
}
