package dev.weft.router.mesh.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One message after the handshake: a tag byte ({@link ProtocolTag}) and a body. */
public record ProtocolMessage(int tag, byte[] body) {

    public static final int MAX_GOODBYE_BYTES = 1024;

    public byte[] encode() {
        byte[] out = new byte[1 + body.length];
        out[0] = (byte) tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    public static ProtocolMessage decode(byte[] message) throws WireFormatException {
        if (message.length == 0) {
            throw new WireFormatException("empty message");
        }
        return new ProtocolMessage(message[0] & 0xff, Arrays.copyOfRange(message, 1, message.length));
    }

    public static ProtocolMessage heartbeat() {
        return new ProtocolMessage(ProtocolTag.HEARTBEAT, new byte[0]);
    }

    public static ProtocolMessage goodbye(String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return new ProtocolMessage(ProtocolTag.GOODBYE, Arrays.copyOf(text, Math.min(text.length, MAX_GOODBYE_BYTES)));
    }

    /** A goodbye's reason, made printable (control characters replaced) since it comes from the remote. */
    public String goodbyeReason() {
        String text = new String(body, 0, Math.min(body.length, MAX_GOODBYE_BYTES), StandardCharsets.UTF_8);
        return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
