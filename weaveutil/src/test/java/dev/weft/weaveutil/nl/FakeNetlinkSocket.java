package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A scripted kernel: for each request sent, a responder returns the datagrams to deliver. Replies
 * are built with the request's sequence number.
 */
final class FakeNetlinkSocket implements NetlinkSocket {
    final List<byte[]> sent = new ArrayList<>();
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final Function<Integer, List<byte[]>> responder;
    boolean closed;

    FakeNetlinkSocket(Function<Integer, List<byte[]>> responderBySequence) {
        this.responder = responderBySequence;
    }

    @Override
    public void send(byte[] message) {
        sent.add(message);
        int seq = ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()).getInt(8);
        pending.addAll(responder.apply(seq));
    }

    @Override
    public byte[] receive() {
        if (pending.isEmpty()) {
            throw new AssertionError("the code waited for a reply the kernel would not send");
        }
        return pending.removeFirst();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** One netlink message with the given header fields and payload. */
    static byte[] message(int type, int flags, int seq, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(Nl.align(16 + payload.length)).order(ByteOrder.nativeOrder());
        b.putInt(16 + payload.length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        b.put(payload);
        return b.array();
    }

    static byte[] error(int seq, int errno) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(-errno);
        b.putInt(16).putShort((short) 0).putShort((short) 0).putInt(seq).putInt(0);
        return message(Nl.NLMSG_ERROR, 0, seq, b.array());
    }

    static byte[] done(int seq) {
        return message(Nl.NLMSG_DONE, Nl.NLM_F_MULTI, seq, new byte[4]);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
