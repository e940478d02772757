package dev.weft.router.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The engine's answer head as bytes, for a connection that leaves HTTP right after it. */
final class RawHead {
    private RawHead() {}

    static ByteBuf encode(HttpResponse head) {
        StringBuilder s = new StringBuilder(256);
        s.append(head.protocolVersion().text()).append(' ').append(head.status().code()).append(' ')
                .append(head.status().reasonPhrase()).append("\r\n");
        for (Map.Entry<String, String> h : head.headers()) {
            s.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        s.append("\r\n");
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }
}
