package dev.weft.router.proxy;

import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;

/**
 * A Docker API address: {@code unix:///path} (or a bare absolute path) or {@code tcp://host:port}
 * (or {@code host:port}), as {@code -H} and {@code --docker-api} take them.
 *
 * @param text the address as the user wrote it, normalised to carry its scheme
 */
public record Endpoint(String text, boolean unix, String path, String host, int port) {
    public static final String PROXY_SOCKET = "/var/run/weave/weave.sock";
    public static final int DEFAULT_TCP_PORT = 12375;

    /** @throws IllegalArgumentException with a one-line message naming the address */
    public static Endpoint parse(String address) {
        String a = address.strip();
        if (a.startsWith("unix://") || a.startsWith("/")) {
            String path = a.startsWith("unix://") ? a.substring("unix://".length()) : a;
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException(address + ": a unix socket path must be absolute");
            }
            return new Endpoint("unix://" + path, true, path, null, 0);
        }
        String rest = a.startsWith("tcp://") ? a.substring("tcp://".length()) : a;
        if (rest.contains("://")) {
            throw new IllegalArgumentException(address + ": unsupported protocol (use unix:// or tcp://)");
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? rest : rest.substring(0, colon);
        String port = colon < 0 ? "" : rest.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int p;
        try {
            p = port.isEmpty() ? DEFAULT_TCP_PORT : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(address + ": invalid port '" + port + "'");
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException(address + ": invalid port " + p);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        return new Endpoint("tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + p, false, null, host, p);
    }

    public SocketAddress socketAddress() {
        return unix ? new DomainSocketAddress(path) : new InetSocketAddress(host, port);
    }

    /**
     * Where the proxy really listens for this address: every unix address is served on the one
     * socket in {@code /var/run/weave} (the only host directory the router has), and {@code launch}
     * links other paths to it.
     */
    public Endpoint listenedOn(Path proxySocket) {
        return unix ? new Endpoint(text, true, proxySocket.toString(), null, 0) : this;
    }
}
