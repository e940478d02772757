package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request/response over a {@link NetlinkSocket}: acknowledged requests and multi-part dumps,
 * matched by sequence number. A kernel error becomes a {@link NetlinkException} naming the
 * operation. One request at a time per connection.
 */
public final class NetlinkConnection implements AutoCloseable {
    private static final int MAX_DUMP_ATTEMPTS = 5;
    private final NetlinkSocket socket;
    private final AtomicInteger sequence = new AtomicInteger((int) (System.nanoTime() & 0x3fffffff));

    public NetlinkConnection(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Sends a request with NLM_F_ACK and waits for its acknowledgement. */
    public synchronized void execute(String operation, MessageBuilder request) {
        int seq = sequence.incrementAndGet();
        socket.send(request.addFlags(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK).build(seq));
        while (true) {
            for (NetlinkMessage message : NetlinkMessage.split(socket.receive())) {
                if (message.sequence() != seq) {
                    continue; // a late reply to an earlier request
                }
                if (message.type() == Nl.NLMSG_ERROR) {
                    throwIfError(operation, message);
                    return;
                }
            }
        }
    }

    /**
     * Sends a dump request and collects every reply message until NLMSG_DONE. An interrupted dump
     * (the kernel's table changed meanwhile) is repeated.
     */
    public synchronized List<NetlinkMessage> dump(String operation, MessageBuilder request) {
        request.addFlags(Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP);
        for (int attempt = 1; ; attempt++) {
            int seq = sequence.incrementAndGet();
            socket.send(request.build(seq));
            List<NetlinkMessage> replies = new ArrayList<>();
            boolean interrupted = false;
            boolean done = false;
            while (!done) {
                for (NetlinkMessage message : NetlinkMessage.split(socket.receive())) {
                    if (message.sequence() != seq) {
                        continue;
                    }
                    interrupted |= (message.flags() & Nl.NLM_F_DUMP_INTR) != 0;
                    if (message.type() == Nl.NLMSG_DONE) {
                        done = true;
                        break;
                    } else if (message.type() == Nl.NLMSG_ERROR) {
                        throwIfError(operation, message);
                    } else if (message.type() != Nl.NLMSG_NOOP) {
                        replies.add(message);
                    }
                }
            }
            if (!interrupted || attempt == MAX_DUMP_ATTEMPTS) {
                return replies;
            }
        }
    }

    /** Sends a request expecting exactly one reply message (e.g. RTM_GETLINK by name). */
    public synchronized NetlinkMessage query(String operation, MessageBuilder request) {
        int seq = sequence.incrementAndGet();
        socket.send(request.addFlags(Nl.NLM_F_REQUEST).build(seq));
        while (true) {
            for (NetlinkMessage message : NetlinkMessage.split(socket.receive())) {
                if (message.sequence() != seq) {
                    continue;
                }
                if (message.type() == Nl.NLMSG_ERROR) {
                    throwIfError(operation, message);
                    throw new NetlinkException(operation, Errno.EINVAL, "kernel acknowledged a query without an answer");
                }
                return message;
            }
        }
    }

    private static void throwIfError(String operation, NetlinkMessage message) {
        ByteBuffer body = message.body();
        int error = body.getInt();
        if (error == 0) {
            return;
        }
        throw new NetlinkException(operation, -error, extendedAckMessage(message, body));
    }

    /** The kernel's explanatory text from an extended ack, if the error carries one. */
    static String extendedAckMessage(NetlinkMessage message, ByteBuffer afterError) {
        if ((message.flags() & Nl.NLM_F_ACK_TLVS) == 0 || afterError.remaining() < Nl.HEADER_LENGTH) {
            return null;
        }
        int echoedLength = afterError.getInt(afterError.position());
        int skip = (message.flags() & Nl.NLM_F_CAPPED) != 0 ? Nl.HEADER_LENGTH : Nl.align(echoedLength);
        if (skip > afterError.remaining()) {
            return null;
        }
        ByteBuffer tlvs = afterError.duplicate().order(ByteOrder.nativeOrder());
        tlvs.position(afterError.position() + skip);
        return Attributes.parse(tlvs).bytes(Nl.NLMSGERR_ATTR_MSG)
                .map(b -> new String(b, StandardCharsets.UTF_8).replace("\0", "").trim())
                .orElse(null);
    }

    @Override
    public void close() {
        socket.close();
    }
}
