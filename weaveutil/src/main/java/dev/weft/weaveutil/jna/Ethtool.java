package dev.weft.weaveutil.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;

/** The ethtool ioctl, for the one setting weaveutil changes: TX checksum offload. */
public final class Ethtool {
    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_STXCSUM = 0x17;
    private static final int IFNAMSIZ = 16;

    private Ethtool() {
    }

    /** {@code ethtool -K IF tx on|off}, for a link in the calling thread's namespace. */
    public static void setTxChecksum(String ifName, boolean on) {
        NativeSupport.ensureAvailable();
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeCallException("open control socket", Native.getLastError());
        }
        try (Memory value = new Memory(8); Memory ifreq = new Memory(40)) {
            value.setInt(0, ETHTOOL_STXCSUM);
            value.setInt(4, on ? 1 : 0);
            ifreq.clear();
            byte[] name = ifName.getBytes(StandardCharsets.US_ASCII);
            ifreq.write(0, name, 0, Math.min(name.length, IFNAMSIZ - 1));
            ifreq.setPointer(IFNAMSIZ, value);
            if (LibC.ioctl(fd, new NativeLong(SIOCETHTOOL), ifreq) != 0) {
                throw new NativeCallException("set tx checksum " + (on ? "on" : "off") + " for " + ifName,
                        Native.getLastError());
            }
        } finally {
            LibC.close(fd);
        }
    }
}
