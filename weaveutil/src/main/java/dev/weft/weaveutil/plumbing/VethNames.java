package dev.weft.weaveutil.plumbing;

/**
 * Names of the veth pair for a container: {@code vethwepl<id>} on the host and
 * {@code vethwepg<id>} for the container end, the id cut to 7 characters so names fit in 15.
 */
public final class VethNames {
    private static final int ID_LENGTH = 7;

    private VethNames() {
    }

    public static String hostEnd(String id) {
        return "vethwepl" + shorten(id);
    }

    public static String containerEnd(String id) {
        return "vethwepg" + shorten(id);
    }

    public static String hostEnd(int pid) {
        return hostEnd(Integer.toString(pid));
    }

    private static String shorten(String id) {
        return id.length() > ID_LENGTH ? id.substring(0, ID_LENGTH) : id;
    }
}
