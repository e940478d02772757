package dev.weft.router.mesh.wire;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.ConnectionSummary;
import dev.weft.router.mesh.topology.DigestItem;
import dev.weft.router.mesh.topology.PeerEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code topology} channel's encoding: a kind byte, then for an update each entry as name (6),
 * nickname, UID (8), version (8), short ID (2, 0xffff = none), and its connections as remote name (6),
 * address and a flags byte (1 = outbound, 2 = established).
 */
public final class TopologyCodec {

    static final int UPDATE = 1;
    static final int SUMMARY = 2;
    static final int DIGEST = 3;
    static final int REQUEST = 4;
    private static final int NO_SHORT_ID = 0xffff;
    private static final int MAX_ITEMS = 200_000;
    private static final int MIN_ENTRY_BYTES = 6 + 1 + 8 + 8 + 2 + 2;
    private static final int MIN_CONNECTION_BYTES = 6 + 1 + 1;
    /** Updates are split so that one message stays well under the frame cap. */
    public static final int UPDATE_SPLIT_BYTES = 1024 * 1024;

    private TopologyCodec() {}

    /** An update as one or more messages, each holding whole entries and at most about 1 MiB. */
    public static List<byte[]> encodeUpdate(List<PeerEntry> entries) {
        return encodeUpdate(entries, TopologyCodec::entry);
    }

    /** As {@link #encodeUpdate(List)}, with the encoding of each entry given (e.g. from a cache of {@link #entry}). */
    public static List<byte[]> encodeUpdate(List<PeerEntry> entries, java.util.function.Function<PeerEntry, byte[]> encoder) {
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> pending = new ArrayList<>();
        int pendingBytes = 0;
        for (PeerEntry entry : entries) {
            byte[] encoded = encoder.apply(entry);
            if (!pending.isEmpty() && pendingBytes + encoded.length > UPDATE_SPLIT_BYTES) {
                messages.add(update(pending, pendingBytes));
                pending.clear();
                pendingBytes = 0;
            }
            pending.add(encoded);
            pendingBytes += encoded.length;
        }
        if (!pending.isEmpty() || messages.isEmpty()) {
            messages.add(update(pending, pendingBytes));
        }
        return messages;
    }

    private static byte[] update(List<byte[]> entries, int bytes) {
        ByteWriter w = new ByteWriter(bytes + 5).u8(UPDATE).u32(entries.size());
        entries.forEach(w::bytes);
        return w.toByteArray();
    }

    /** One entry's encoding within an update. */
    public static byte[] entry(PeerEntry e) {
        ByteWriter w = new ByteWriter(48 + e.connections().size() * 32).peerName(e.name())
                .string8(truncate(e.nickname(), 255)).u64(e.uid()).u64(e.version())
                .u16(e.hasShortId() ? e.shortId() : NO_SHORT_ID).u16(e.connections().size());
        for (ConnectionSummary c : e.connections()) {
            w.peerName(c.remote()).string8(truncate(c.address(), 255))
                    .u8((c.outbound() ? 1 : 0) | (c.established() ? 2 : 0));
        }
        return w.toByteArray();
    }

    /** Cuts a string to at most {@code bytes} bytes of UTF-8 without splitting a character. */
    public static String truncate(String s, int bytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= bytes) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > bytes) {
                break;
            }
            out.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    public static byte[] encode(TopologyMessage message) {
        if (message instanceof TopologyMessage.Update u) {
            List<byte[]> parts = encodeUpdate(u.entries());
            if (parts.size() != 1) {
                throw new IllegalArgumentException("update too large for one message; use encodeUpdate");
            }
            return parts.get(0);
        }
        if (message instanceof TopologyMessage.Summary s) {
            return new ByteWriter(13).u8(SUMMARY).u64(s.hash()).u32(s.count()).toByteArray();
        }
        if (message instanceof TopologyMessage.Digest d) {
            ByteWriter w = new ByteWriter(5 + d.items().size() * 22).u8(DIGEST).u32(d.items().size());
            for (DigestItem item : d.items()) {
                w.peerName(item.name()).u64(item.uid()).u64(item.version());
            }
            return w.toByteArray();
        }
        TopologyMessage.Request r = (TopologyMessage.Request) message;
        ByteWriter w = new ByteWriter(5 + r.names().size() * 6).u8(REQUEST).u32(r.names().size());
        r.names().forEach(w::peerName);
        return w.toByteArray();
    }

    public static TopologyMessage decode(byte[] bytes) throws WireFormatException {
        ByteReader r = new ByteReader(bytes);
        int kind = r.u8("topology message kind");
        TopologyMessage message;
        switch (kind) {
            case UPDATE:
                message = decodeUpdate(r);
                break;
            case SUMMARY:
                long hash = r.u64("summary hash");
                long count = r.u32("summary count");
                message = new TopologyMessage.Summary(hash, (int) Math.min(count, Integer.MAX_VALUE));
                break;
            case DIGEST:
                int items = r.count("digest", MAX_ITEMS, 22);
                List<DigestItem> digest = new ArrayList<>(items);
                for (int i = 0; i < items; i++) {
                    digest.add(new DigestItem(r.peerName("digest name"), r.u64("digest uid"),
                            version(r.u64("digest version"))));
                }
                message = new TopologyMessage.Digest(digest);
                break;
            case REQUEST:
                int names = r.count("request", MAX_ITEMS, 6);
                List<PeerName> wanted = new ArrayList<>(names);
                for (int i = 0; i < names; i++) {
                    wanted.add(r.peerName("requested name"));
                }
                message = new TopologyMessage.Request(wanted);
                break;
            default:
                throw new WireFormatException("unknown topology message kind " + kind);
        }
        r.expectEnd("topology message");
        return message;
    }

    private static TopologyMessage.Update decodeUpdate(ByteReader r) throws WireFormatException {
        int n = r.count("update", MAX_ITEMS, MIN_ENTRY_BYTES);
        List<PeerEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PeerName name = r.peerName("peer name");
            String nickname = r.string8("nickname");
            long uid = r.u64("uid");
            long version = version(r.u64("version"));
            int shortId = r.u16("short id");
            if (shortId != NO_SHORT_ID && shortId >= PeerEntry.SHORT_ID_LIMIT) {
                throw new WireFormatException("short ID " + shortId + " out of 12-bit range");
            }
            int connections = r.u16("connection count");
            if ((long) connections * MIN_CONNECTION_BYTES > r.remaining()) {
                throw new WireFormatException("connection list of " + connections + " does not fit");
            }
            List<ConnectionSummary> list = new ArrayList<>(connections);
            for (int c = 0; c < connections; c++) {
                PeerName remote = r.peerName("connection remote");
                String address = r.string8("connection address");
                int flags = r.u8("connection flags");
                list.add(new ConnectionSummary(remote, address, (flags & 1) != 0, (flags & 2) != 0));
            }
            if (uid == 0 && (version != 0 || !list.isEmpty())) {
                throw new WireFormatException("entry for " + name + " with UID 0");
            }
            entries.add(new PeerEntry(name, nickname, uid, version,
                    shortId == NO_SHORT_ID ? PeerEntry.NO_SHORT_ID : shortId, list));
        }
        return new TopologyMessage.Update(entries);
    }

    private static long version(long v) throws WireFormatException {
        if (v < 0) {
            throw new WireFormatException("version out of range");
        }
        return v;
    }
}
