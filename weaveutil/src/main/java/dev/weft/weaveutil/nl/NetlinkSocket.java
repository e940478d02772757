package dev.weft.weaveutil.nl;

/**
 * A datagram channel to the kernel's routing netlink. The real one is
 * {@code dev.weft.weaveutil.jna.JnaNetlinkSocket}; tests script replies with a fake.
 */
public interface NetlinkSocket extends AutoCloseable {

    void send(byte[] message);

    /** Blocks for the next datagram, which may hold several netlink messages. */
    byte[] receive();

    @Override
    void close();
}
