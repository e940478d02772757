package dev.weft.router.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;

/** A request or response the proxy holds whole before passing it on, up to a size limit. */
final class HeldMessage {
    private final HttpMessage head;
    private final CompositeByteBuf body = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    private final int limit;

    HeldMessage(HttpMessage head, int limit) {
        this.head = head;
        this.limit = limit;
    }

    HttpMessage head() {
        return head;
    }

    /** Takes the content (releasing it); false once the body grew past the limit. */
    boolean add(HttpContent content) {
        ByteBuf bytes = content.content();
        if (bytes.isReadable()) {
            body.addComponent(true, bytes.retain());
        }
        content.release();
        return body.readableBytes() <= limit;
    }

    byte[] bytes() {
        return ByteBufUtil.getBytes(body);
    }

    /** The body so far, handed over (the caller releases it). */
    ByteBuf takeBody() {
        return body;
    }

    void release() {
        if (body.refCnt() > 0) {
            body.release();
        }
    }
}
