package dev.weft.router.dns;

import dev.weft.weaveutil.addr.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP address text to {@link InetAddress} without ever asking a resolver. */
final class IpLiterals {
    private IpLiterals() {}

    static boolean isLiteral(String text) {
        return Ipv4.isValid(text) || (text.contains(":") && text.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0));
    }

    static InetAddress parse(String text) {
        if (!isLiteral(text)) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return Ipv4.isValid(text) ? InetAddress.getByAddress(Ipv4.parse(text).toBytes()) : InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
