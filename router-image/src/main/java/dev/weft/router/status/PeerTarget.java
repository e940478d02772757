package dev.weft.router.status;

/** Checks a {@code connect}/{@code forget} argument: {@code host[:port]}, the port numeric or a service name. */
final class PeerTarget {

    private PeerTarget() {}

    /** Null when valid, else the one-line complaint the original API gives. */
    static String problemWith(String peer) {
        String host = peer;
        String port = "";
        if (peer.startsWith("[") && peer.contains("]:")) {
            int close = peer.indexOf("]:");
            host = peer.substring(1, close);
            port = peer.substring(close + 2);
        } else if (peer.indexOf(':') >= 0 && peer.indexOf(':') == peer.lastIndexOf(':')) {
            host = peer.substring(0, peer.indexOf(':'));
            port = peer.substring(peer.indexOf(':') + 1);
        }
        boolean portOk = port.chars().allMatch(Character::isLetterOrDigit);
        if (host.isBlank() || !portOk || peer.chars().anyMatch(Character::isWhitespace)) {
            return "invalid peer name \"" + peer + "\", should be host[:port]";
        }
        return null;
    }
}
