package dev.weft.router.mesh.tcp;

import dev.weft.router.mesh.wire.FrameCodec;
import dev.weft.router.mesh.wire.ProtocolIntroCodec;
import dev.weft.router.mesh.wire.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream of a mesh connection into frames (byte arrays): the 7-byte intro header,
 * for protocol 2 the encryption block (1 or 33 bytes), then length-prefixed messages, the first (the
 * feature map) capped at 64 KiB and the rest at 10 MiB. The version is worked out here as in the
 * handshake, from our range and the remote header. A length over the cap fails the connection before
 * anything of that message is buffered; after a header that is not weave's, the rest is discarded.
 */
final class MeshFrameDecoder extends ByteToMessageDecoder {

    private enum State { HEADER, ENCRYPTION, FIRST_MESSAGE, MESSAGES, DISCARD }

    private final int ourMin;
    private final int ourMax;
    private State state = State.HEADER;

    MeshFrameDecoder(int ourMin, int ourMax) {
        this.ourMin = ourMin;
        this.ourMax = ourMax;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws WireFormatException {
        while (true) {
            switch (state) {
                case HEADER: {
                    if (in.readableBytes() < ProtocolIntroCodec.HEADER_LENGTH) {
                        return;
                    }
                    byte[] header = bytes(in, ProtocolIntroCodec.HEADER_LENGTH);
                    out.add(header);
                    try {
                        int version = ProtocolIntroCodec.negotiate(ourMin, ourMax, ProtocolIntroCodec.parseHeader(header));
                        state = version >= 2 ? State.ENCRYPTION : State.FIRST_MESSAGE;
                    } catch (WireFormatException e) {
                        state = State.DISCARD; // the handshake reports it and closes
                    }
                    break;
                }
                case ENCRYPTION: {
                    if (in.readableBytes() < 1) {
                        return;
                    }
                    int length = ProtocolIntroCodec.encryptionBlockLength(in.getUnsignedByte(in.readerIndex()));
                    if (in.readableBytes() < length) {
                        return;
                    }
                    out.add(bytes(in, length));
                    state = State.FIRST_MESSAGE;
                    break;
                }
                case FIRST_MESSAGE:
                case MESSAGES: {
                    if (in.readableBytes() < FrameCodec.LENGTH_BYTES) {
                        return;
                    }
                    int at = in.readerIndex();
                    int max = state == State.FIRST_MESSAGE ? FrameCodec.MAX_FEATURES_BYTES : FrameCodec.MAX_MESSAGE_BYTES;
                    int length = FrameCodec.length(in.getByte(at), in.getByte(at + 1), in.getByte(at + 2),
                            in.getByte(at + 3), max);
                    if (in.readableBytes() < FrameCodec.LENGTH_BYTES + length) {
                        return;
                    }
                    in.skipBytes(FrameCodec.LENGTH_BYTES);
                    out.add(bytes(in, length));
                    state = State.MESSAGES;
                    break;
                }
                default:
                    in.skipBytes(in.readableBytes());
                    return;
            }
        }
    }

    private static byte[] bytes(ByteBuf in, int n) {
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }
}
