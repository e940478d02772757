package dev.weft.weaveutil.jna;

/** Dotted-quad text of a big-endian IPv4 address held in an int. */
final class Ipv4Text {
    private Ipv4Text() {
    }

    static String of(int ipv4) {
        return (ipv4 >>> 24) + "." + ((ipv4 >>> 16) & 0xff) + "." + ((ipv4 >>> 8) & 0xff) + "." + (ipv4 & 0xff);
    }
}
