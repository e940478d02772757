package dev.weft.weaveutil.plumbing;

/** A plumbing step failed for a reason other than a kernel error (those are NetlinkExceptions). */
public class PlumbingException extends RuntimeException {
    public PlumbingException(String message) {
        super(message);
    }

    public PlumbingException(String message, Throwable cause) {
        super(message, cause);
    }
}
