package dev.weft.router.mesh;

/**
 * A target as the user typed it for {@code launch} or {@code connect}: {@code host}, {@code host:port}
 * or {@code [v6]:port}. Without a port the mesh port is meant, and such a target is not dialled while
 * a connection from that host's address comes in (SPEC §7.3).
 *
 * @param port 0 when none was given
 */
public record PeerAddress(String text, String host, int port) {

    /** Parses {@code text}; throws with the original's one-line complaint when it is not {@code host[:port]}. */
    public static PeerAddress parse(String text) {
        String host = text;
        String port = "";
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw invalid(text);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(text);
                }
                port = rest.substring(1);
                if (port.isEmpty()) {
                    throw invalid(text);
                }
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
            if (port.isEmpty()) {
                throw invalid(text);
            }
        }
        if (host.isBlank() || text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                || host.contains("/") || host.length() > 253) {
            throw invalid(text);
        }
        int number = 0;
        if (!port.isEmpty()) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            if (number < 1 || number > 65535) {
                throw invalid(text);
            }
        }
        return new PeerAddress(text, host, number);
    }

    public static String problemWith(String text) {
        try {
            parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid peer name \"" + text + "\", should be host[:port]");
    }

    public boolean hasPort() {
        return port != 0;
    }

    public int portOr(int defaultPort) {
        return port == 0 ? defaultPort : port;
    }
}
