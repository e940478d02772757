package dev.weft.weaveutil.cli;

/** Wrong arguments: the message is shown as the one-line error. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    static UsageException of(Command command) {
        return new UsageException("usage: weaveutil " + command.name() + " " + command.usage());
    }
}
