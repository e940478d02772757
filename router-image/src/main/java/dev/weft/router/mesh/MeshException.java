package dev.weft.router.mesh;

/** A connection cannot go on; {@link #failure()} says why and whether to retry. */
public final class MeshException extends Exception {

    private final transient ConnectionFailure failure;

    public MeshException(ConnectionFailure failure) {
        super(failure.message());
        this.failure = failure;
    }

    public static MeshException retryable(String message) {
        return new MeshException(ConnectionFailure.retryable(message));
    }

    public ConnectionFailure failure() {
        return failure;
    }
}
