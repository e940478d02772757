package dev.weft.router.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Errors the proxy answers itself, in the engine's form: a status and {@code {"message":"..."}}. */
final class ErrorResponses {
    private ErrorResponses() {}

    static FullHttpResponse of(int status, String message, boolean close) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", message);
        byte[] bytes = (Json.utf8(Json.bytes(body)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (close) {
            r.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        return r;
    }
}
