package dev.weft.router.http;

/** The request could not be decoded (bad URL escape); answered with 400. */
final class MalformedRequestException extends RuntimeException {
    MalformedRequestException(String message) {
        super(message);
    }
}
