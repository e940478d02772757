package dev.weft.router.mesh.wire;

/** The two peers share no protocol version. */
public final class VersionMismatchException extends WireFormatException {
    private final int theirMin;
    private final int theirMax;

    public VersionMismatchException(int theirMin, int theirMax, int ourMin, int ourMax) {
        super("protocol version mismatch: the remote peer speaks weave " + theirMin + ".." + theirMax
                + ", this peer " + ourMin + ".." + ourMax + " (see --min-protocol-version)");
        this.theirMin = theirMin;
        this.theirMax = theirMax;
    }

    public int theirMin() {
        return theirMin;
    }

    public int theirMax() {
        return theirMax;
    }
}
