package dev.weft.router.ipam;

/** A request IPAM refuses; the message is the one-line text the API answers with. */
public class IpamException extends RuntimeException {
    public IpamException(String message) {
        super(message);
    }
}
