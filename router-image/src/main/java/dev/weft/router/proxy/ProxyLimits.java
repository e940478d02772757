package dev.weft.router.proxy;

import java.time.Duration;

/**
 * The proxy's bounds: the largest JSON body it holds to rewrite, how long a client may stay
 * silent between requests, how long connecting to the engine may take.
 */
public record ProxyLimits(int maxHeldBody, Duration idleClient, Duration engineConnect) {
    public static final ProxyLimits DEFAULTS = new ProxyLimits(8 << 20, Duration.ofMinutes(5), Duration.ofSeconds(5));
    static final int MAX_HEADER_SIZE = 1 << 20;
    static final int MAX_INITIAL_LINE = 64 << 10;
    static final int MAX_CHUNK = 256 << 10;
}
