package dev.weft.router.attach;

/** An {@link AddressBook} request was refused; {@link #reason()} tells callers how to answer. */
public class AddressBookException extends RuntimeException {

    public enum Reason {
        /** Another owner holds the address. */
        IN_USE,
        /** The request makes no sense, e.g. a subnet outside the range. */
        INVALID,
        /** The owner died (or the request was cancelled) before it was answered. */
        CANCELLED
    }

    private final Reason reason;

    public AddressBookException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
