package dev.weft.router.http;

import java.time.Duration;

/**
 * What one API server accepts from its clients: request sizes, how long a request may take to
 * arrive, how long an idle connection stays, how many connections and how many handlers at once.
 *
 * @param maxBodyBytes    a larger body is answered 413
 * @param maxLineBytes    a longer request line is answered 414
 * @param maxHeaderBytes  larger headers are answered 431
 * @param requestDeadline from its first byte, a request must arrive whole within this (else 408)
 * @param idleTimeout     a connection with no request under way is closed after this
 * @param maxConnections  further connections are closed at once
 * @param workers         handlers running at once; past that a request is answered 503
 * @param maxPipelined    requests one connection may queue behind the one being answered
 */
public record HttpLimits(int maxBodyBytes, int maxLineBytes, int maxHeaderBytes, Duration requestDeadline,
                         Duration idleTimeout, int maxConnections, int workers, int maxPipelined) {

    /** The router's API: form bodies of a few hundred bytes, handlers that may wait (IPAM) but are few. */
    public static final HttpLimits DEFAULT = new HttpLimits(64 * 1024, 8 * 1024, 16 * 1024, Duration.ofSeconds(10),
            Duration.ofSeconds(60), 512, 64, 16);

    public HttpLimits withWorkers(int n) {
        return new HttpLimits(maxBodyBytes, maxLineBytes, maxHeaderBytes, requestDeadline, idleTimeout, maxConnections,
                n, maxPipelined);
    }

    public HttpLimits withRequestDeadline(Duration d) {
        return new HttpLimits(maxBodyBytes, maxLineBytes, maxHeaderBytes, d, idleTimeout, maxConnections, workers,
                maxPipelined);
    }

    public HttpLimits withIdleTimeout(Duration d) {
        return new HttpLimits(maxBodyBytes, maxLineBytes, maxHeaderBytes, requestDeadline, d, maxConnections, workers,
                maxPipelined);
    }

    public HttpLimits withMaxConnections(int n) {
        return new HttpLimits(maxBodyBytes, maxLineBytes, maxHeaderBytes, requestDeadline, idleTimeout, n, workers,
                maxPipelined);
    }
}
