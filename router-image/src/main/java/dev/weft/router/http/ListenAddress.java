package dev.weft.router.http;

import java.net.InetSocketAddress;

/**
 * A {@code --http-addr} style value: {@code [host]:port}, an empty host meaning all interfaces; blank
 * means the server is disabled. Errors name the flag and the value.
 */
public record ListenAddress(String host, int port) {

    /** Parses the flag value; returns null when blank (disabled). */
    public static ListenAddress parse(String flag, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return parseRequired(flag, value);
    }

    /** Parses a flag value that cannot be blank: a blank one is an error like any other malformed value. */
    public static ListenAddress parseRequired(String flag, String value) {
        String text = value.strip();
        if (text.startsWith("tcp://")) {
            text = text.substring("tcp://".length());
        }
        if (text.startsWith("/") || text.startsWith("unix://")) {
            throw new IllegalArgumentException(flag + " " + value + ": unix sockets are not supported yet; use host:port");
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

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
