package dev.weft.router.http;

import java.net.InetSocketAddress;

/**
 * A {@code --http-addr} style value: {@code [host]:port}, an empty host meaning all interfaces, or a
 * unix socket path (a value starting with {@code /}, or {@code unix://<path>}); blank means the
 * server is disabled. Errors name the flag and the value.
 *
 * @param path the unix socket's path, or null for TCP (then {@code host} and {@code port} are set)
 */
public record ListenAddress(String host, int port, String path) {

    public ListenAddress(String host, int port) {
        this(host, port, null);
    }

    public static ListenAddress unix(String path) {
        return new ListenAddress(null, 0, path);
    }

    /** Parses the flag value; returns null when blank (disabled). */
    public static ListenAddress parse(String flag, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.startsWith("unix://")) {
            text = text.substring("unix://".length());
        }
        if (text.startsWith("/")) {
            if (text.length() > 107) {
                throw new IllegalArgumentException(flag + " " + value + ": a unix socket path is at most 107 bytes");
            }
            return unix(text);
        }
        return parseTcp(flag, value);
    }

    /** Parses a TCP {@code host:port} that cannot be blank: a blank one is an error like any other malformed value. */
    public static ListenAddress parseRequired(String flag, String value) {
        return parseTcp(flag, value);
    }

    private static ListenAddress parseTcp(String flag, String value) {
        String text = value == null ? "" : value.strip();
        if (text.startsWith("tcp://")) {
            text = text.substring("tcp://".length());
        }
        if (text.startsWith("/") || text.startsWith("unix://")) {
            throw new IllegalArgumentException(flag + " " + value + ": expected host:port, not a unix socket");
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(flag + " " + value + ": expected host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + value + ": invalid port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(flag + " " + value + ": invalid port");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    public boolean isUnix() {
        return path != null;
    }

    /** Whether this is TCP on 127.0.0.1 (the address the host's iptables rules let through locally). */
    public boolean isLoopbackTcp() {
        return !isUnix() && "127.0.0.1".equals(host);
    }

    public InetSocketAddress socketAddress() {
        if (isUnix()) {
            throw new IllegalStateException("unix socket " + path + " has no TCP address");
        }
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return isUnix() ? path : host + ":" + port;
    }
}
