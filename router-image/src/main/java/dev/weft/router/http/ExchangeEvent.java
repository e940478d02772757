package dev.weft.router.http;

/** What the dispatcher tells the {@link RequestTimer} about the connection's current exchange. */
enum ExchangeEvent {
    /** A whole request arrived and is being answered: no timer runs while a handler works. */
    REQUEST_RECEIVED,
    /** The answer went out and nothing is queued: the connection waits for the next request. */
    RESPONSE_SENT
}
