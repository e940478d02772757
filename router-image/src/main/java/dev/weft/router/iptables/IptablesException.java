package dev.weft.router.iptables;

/** An iptables command failed; the message names the command and what iptables said. */
public class IptablesException extends RuntimeException {
    public IptablesException(String message) {
        super(message);
    }

    public IptablesException(String message, Throwable cause) {
        super(message, cause);
    }
}
