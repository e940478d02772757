package dev.weft.router.dns;

import dev.weft.weaveutil.addr.Ipv4;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The wire form of weaveDNS gossip (channel {@code nameserver}): the sender's clock, then records.
 * weft's own binary encoding, not Weave Net's {@code gob}. Decoding checks every length against the
 * bytes left and the bounds of a DNS name, so a hostile message costs no more than its size.
 */
final class DnsGossipCodec {
    static final int FORMAT = 1;
    static final int MAX_TEXT_BYTES = 1024;
    private static final int MIN_RECORD_BYTES = 3 * 2 + 4 + 8 + 8;

    /** What one gossip message carries: the sender's time (Unix seconds) and records. */
    record Message(long sentAt, List<DnsRecord> records) {}

    private DnsGossipCodec() {}

    static byte[] encode(long sentAt, Collection<DnsRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + records.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(sentAt);
            out.writeInt(records.size());
            for (DnsRecord r : records) {
                writeText(out, r.hostname());
                writeText(out, r.origin());
                writeText(out, r.containerId());
                out.writeInt(r.address().bits());
                out.writeLong(r.version());
                out.writeLong(r.tombstone());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Throws {@link IllegalArgumentException} with a one-line reason for anything malformed. */
    static Message decode(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message);
        try {
            int format = in.get() & 0xff;
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown weaveDNS gossip format " + format);
            }
            long sentAt = in.getLong();
            int count = in.getInt();
            if (count < 0 || (long) count * MIN_RECORD_BYTES > in.remaining()) {
                throw new IllegalArgumentException("weaveDNS gossip claims " + count + " records in "
                        + in.remaining() + " bytes");
            }
            List<DnsRecord> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String hostname = readText(in);
                String origin = readText(in);
                String containerId = readText(in);
                Ipv4 address = new Ipv4(in.getInt());
                long version = in.getLong();
                long tombstone = in.getLong();
                if (version < 0 || tombstone < 0 || hostname.isEmpty() || origin.isEmpty()) {
                    throw new IllegalArgumentException("malformed weaveDNS record for " + hostname);
                }
                records.add(new DnsRecord(hostname, origin, containerId, address, version, tombstone));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the weaveDNS gossip");
            }
            return new Message(sentAt, records);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated weaveDNS gossip");
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("weaveDNS text too long to gossip: " + bytes.length + " bytes");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static String readText(ByteBuffer in) {
        int length = in.getShort() & 0xffff;
        if (length > MAX_TEXT_BYTES || length > in.remaining()) {
            throw new IllegalArgumentException("malformed weaveDNS gossip text of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
