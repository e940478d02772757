package dev.weft.router.dataplane.sleeve;

/**
 * Switches for measuring what each of the sleeve's per-packet savings is worth (bench/sleeve-offloads);
 * all on by default, each turned off with a system property {@code weft.sleeve.<name>=false}:
 * <ul>
 *   <li>{@code offload}: the TAP hands over 64 KiB TCP segments and partial checksums;</li>
 *   <li>{@code gso}: equal-size datagrams leave in one UDP GSO send;</li>
 *   <li>{@code gro}: the socket joins arriving datagrams of a flow (UDP GRO);</li>
 *   <li>{@code join}: received TCP segments are joined before the TAP write;</li>
 *   <li>{@code batch}: one {@code sendmmsg} for everything queued instead of one call per datagram.</li>
 * </ul>
 */
public record SleeveTuning(boolean offload, boolean gso, boolean gro, boolean join, boolean batch) {
    public static final SleeveTuning DEFAULT = new SleeveTuning(true, true, true, true, true);

    public static SleeveTuning fromSystemProperties() {
        return new SleeveTuning(on("offload"), on("gso"), on("gro"), on("join"), on("batch"));
    }

    private static boolean on(String name) {
        return !"false".equals(System.getProperty("weft.sleeve." + name));
    }

    @Override
    public String toString() {
        return "offload=" + offload + " gso=" + gso + " gro=" + gro + " join=" + join + " batch=" + batch;
    }
}
