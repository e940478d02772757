package dev.weft.router.api;

import java.nio.charset.StandardCharsets;

/** What a handler answers: status, content type and body bytes. */
public record ApiResponse(int status, String contentType, byte[] body) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";

    public static ApiResponse text(int status, String body) {
        return new ApiResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse ok(String body) {
        return text(200, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, TEXT, new byte[0]);
    }

    public static ApiResponse json(String json) {
        return new ApiResponse(200, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
