package dev.weft.router.docker;

/** The Docker engine could not be asked; the message says which call and why. */
public class DockerUnavailableException extends RuntimeException {
    public DockerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
