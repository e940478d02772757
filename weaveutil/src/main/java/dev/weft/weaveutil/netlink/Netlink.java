package dev.weft.weaveutil.netlink;

import dev.weft.weaveutil.jna.JnaNetlinkSocket;
import dev.weft.weaveutil.nl.NetlinkConnection;
import dev.weft.weaveutil.nl.NetlinkSocket;
import dev.weft.weaveutil.ns.NetNs;

/**
 * A routing-netlink handle bound to one network namespace, with the operation groups on it. Open
 * it once per namespace and reuse it from any thread; requests are serialised.
 */
public final class Netlink implements AutoCloseable {
    private final NetlinkConnection connection;
    private final Links links;
    private final Addresses addresses;
    private final Routes routes;
    private final Neighbours neighbours;

    public Netlink(NetlinkSocket socket) {
        this.connection = new NetlinkConnection(socket);
        this.links = new Links(connection);
        this.addresses = new Addresses(connection, links);
        this.routes = new Routes(connection);
        this.neighbours = new Neighbours(connection);
    }

    /** A handle on the calling thread's namespace. */
    public static Netlink open() {
        return new Netlink(JnaNetlinkSocket.open());
    }

    /** A handle on {@code ns}: the socket is created by a thread inside it. */
    public static Netlink open(NetNs ns) {
        try {
            return new Netlink(ns.call(JnaNetlinkSocket::open));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("open netlink in " + ns.path() + ": " + e.getMessage(), e);
        }
    }

    public Links links() {
        return links;
    }

    public Addresses addresses() {
        return addresses;
    }

    public Routes routes() {
        return routes;
    }

    public Neighbours neighbours() {
        return neighbours;
    }

    @Override
    public void close() {
        connection.close();
    }
}
