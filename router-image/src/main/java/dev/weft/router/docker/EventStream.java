package dev.weft.router.docker;

import java.util.function.Consumer;

/** A source of container events: {@link #follow} blocks, feeding events, until the stream ends or breaks. */
@FunctionalInterface
public interface EventStream {
    void follow(Consumer<ContainerEvent> sink) throws Exception;
}
