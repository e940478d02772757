package dev.weft.weaveutil.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** One received netlink message: header fields and the payload after the 16-byte header. */
public record NetlinkMessage(int type, int flags, int sequence, int portId, ByteBuffer payload) {

    /** Splits one received datagram into its messages. */
    public static List<NetlinkMessage> split(byte[] datagram) {
        ByteBuffer in = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        while (in.remaining() >= Nl.HEADER_LENGTH) {
            int start = in.position();
            int length = in.getInt();
            if (length < Nl.HEADER_LENGTH || start + length > in.limit()) {
                throw new IllegalArgumentException("malformed netlink message: length " + length
                        + " at offset " + start + " of " + in.limit());
            }
            int type = Short.toUnsignedInt(in.getShort());
            int flags = Short.toUnsignedInt(in.getShort());
            int sequence = in.getInt();
            int portId = in.getInt();
            ByteBuffer payload = ByteBuffer.wrap(datagram, start + Nl.HEADER_LENGTH, length - Nl.HEADER_LENGTH)
                    .slice().order(ByteOrder.nativeOrder());
            messages.add(new NetlinkMessage(type, flags, sequence, portId, payload));
            in.position(Math.min(in.limit(), start + Nl.align(length)));
        }
        return messages;
    }

    /** A fresh view of the payload, positioned at its start. */
    public ByteBuffer body() {
        return payload.duplicate().order(ByteOrder.nativeOrder());
    }
}
