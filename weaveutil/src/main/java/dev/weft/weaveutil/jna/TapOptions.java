package dev.weft.weaveutil.jna;

/**
 * How a TAP file is opened.
 *
 * @param vnetHeader every frame is preceded by a 10-byte {@code struct virtio_net_hdr}
 *                   ({@code IFF_VNET_HDR}): checksum and segmentation offload metadata
 * @param offloads   {@code TUN_F_*} bits given to {@code TUNSETOFFLOAD} (needs the vnet header):
 *                   what the kernel may hand over unfinished (partial checksums, TCP segments up to 64 KiB)
 * @param nonBlocking reads return at once when nothing is queued
 */
public record TapOptions(boolean vnetHeader, int offloads, boolean nonBlocking) {
    public static final int TUN_F_CSUM = 0x01;
    public static final int TUN_F_TSO4 = 0x02;
    public static final int TUN_F_TSO6 = 0x04;
    public static final int TUN_F_TSO_ECN = 0x08;

    /** Plain blocking frames, as {@code ip tuntap add NAME mode tap} plus an open file. */
    public static final TapOptions PLAIN = new TapOptions(false, 0, false);

    /** Offloaded: vnet header, partial checksums and TCP segmentation (IPv4 and IPv6), non-blocking. */
    public static TapOptions offloaded() {
        return new TapOptions(true, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6, true);
    }
}
