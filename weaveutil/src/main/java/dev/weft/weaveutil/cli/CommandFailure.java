package dev.weft.weaveutil.cli;

/** A command ran but its answer is "no" (e.g. netcheck found an overlap): message, exit 1. */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message);
    }
}
