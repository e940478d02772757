/**
 * The router's HTTP API servers on the JDK's {@code com.sun.net.httpserver}.
 *
 * <p>One {@link dev.weft.router.http.RouteTable} holds every component's endpoints; each listening
 * address ({@code --http-addr}, {@code --status-addr}, {@code --metrics-addr}) serves a filtered view
 * of it. Handlers may block for long (an IPAM allocation waits until space is free), so each server's
 * pool grows on demand to a bound and idle threads retire; a blocked handler is interrupted when
 * the server closes, which cancels the pending IPAM request.
 */
package dev.weft.router.http;
