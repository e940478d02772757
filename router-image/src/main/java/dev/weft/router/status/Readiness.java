package dev.weft.router.status;

/** Whether the daemon has finished starting; {@code /status} answers 503 with the reason until then. */
public final class Readiness {

    private volatile String notReadyReason = "starting";

    public boolean isReady() {
        return notReadyReason == null;
    }

    /** Why the daemon is not ready yet, or null once ready. */
    public String reason() {
        return notReadyReason;
    }

    public void waitingFor(String reason) {
        this.notReadyReason = reason;
    }

    public void ready() {
        this.notReadyReason = null;
    }
}
