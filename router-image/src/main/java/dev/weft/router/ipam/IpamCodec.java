package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.weaveutil.addr.Cidr;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wire form of {@link IpamMessage}s: weft's own compact binary encoding (big-endian), not the Go
 * {@code gob} of Weave Net, so weft and Weave Net 2.8 peers cannot share a ring. Decoding checks every
 * count against the bytes left, so a hostile message cannot make us allocate more than it carries.
 */
final class IpamCodec {
    static final int FORMAT = 1;
    private static final int STATE = 1;
    private static final int SPACE_REQUEST = 2;
    private static final int SPACE_REPLY = 3;
    private static final int RING_REQUEST = 4;
    private static final int PEER_NAME_BYTES = 6;
    private static final int MAX_NICKNAME_BYTES = 255;

    private IpamCodec() {}

    static byte[] encode(IpamMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            if (message instanceof IpamMessage.State s) {
                out.writeByte(STATE);
                writeState(out, s);
            } else if (message instanceof IpamMessage.SpaceRequest r) {
                out.writeByte(SPACE_REQUEST);
                writeRange(out, r.wanted());
            } else if (message instanceof IpamMessage.SpaceReply r) {
                out.writeByte(SPACE_REPLY);
                writeRange(out, r.wanted());
                out.writeBoolean(r.granted());
                writeState(out, r.state());
            } else {
                out.writeByte(RING_REQUEST);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Throws {@link IllegalArgumentException} with a one-line reason for anything malformed. */
    static IpamMessage decode(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message);
        try {
            int format = in.get() & 0xff;
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown IPAM message format " + format);
            }
            int kind = in.get() & 0xff;
            IpamMessage result = switch (kind) {
                case STATE -> readState(in);
                case SPACE_REQUEST -> new IpamMessage.SpaceRequest(readRange(in));
                case SPACE_REPLY -> new IpamMessage.SpaceReply(readRange(in), readBoolean(in), readState(in));
                case RING_REQUEST -> new IpamMessage.RingRequest();
                default -> throw new IllegalArgumentException("unknown IPAM message kind " + kind);
            };
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the IPAM message");
            }
            return result;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated IPAM message");
        }
    }

    private static void writeState(DataOutputStream out, IpamMessage.State s) throws IOException {
        writeName(out, s.from());
        out.writeBoolean(s.ring() != null);
        if (s.ring() != null) {
            writeRing(out, s.ring());
        }
        out.writeInt(s.paxos().size());
        for (Map.Entry<Paxos.NodeId, Paxos.Acceptor> e : s.paxos().entrySet()) {
            writeNode(out, e.getKey());
            writeProposal(out, e.getValue().promised());
            writeProposal(out, e.getValue().accepted());
            writeNames(out, e.getValue().value());
        }
        out.writeInt(s.nicknames().size());
        for (Map.Entry<PeerName, String> e : s.nicknames().entrySet()) {
            writeName(out, e.getKey());
            byte[] nick = e.getValue().getBytes(StandardCharsets.UTF_8);
            int length = Math.min(nick.length, MAX_NICKNAME_BYTES);
            out.writeByte(length);
            out.write(nick, 0, length);
        }
    }

    private static IpamMessage.State readState(ByteBuffer in) {
        PeerName from = readName(in);
        Ring ring = readBoolean(in) ? readRing(in) : null;
        int acceptors = count(in, PEER_NAME_BYTES + 8 + 2 + 4);
        Map<Paxos.NodeId, Paxos.Acceptor> paxos = new TreeMap<>();
        for (int i = 0; i < acceptors; i++) {
            Paxos.NodeId id = readNode(in);
            paxos.put(id, new Paxos.Acceptor(readProposal(in), readProposal(in), readNames(in)));
        }
        int nicknames = count(in, PEER_NAME_BYTES + 1);
        Map<PeerName, String> names = new TreeMap<>();
        for (int i = 0; i < nicknames; i++) {
            PeerName name = readName(in);
            byte[] nick = new byte[in.get() & 0xff];
            in.get(nick);
            names.put(name, new String(nick, StandardCharsets.UTF_8));
        }
        return new IpamMessage.State(from, ring, paxos, names);
    }

    private static void writeRing(DataOutputStream out, Ring ring) throws IOException {
        out.writeInt(ring.range().first().bits());
        out.writeByte(ring.range().prefixLength());
        writeNames(out, ring.seeds());
        out.writeInt(ring.tokens().size());
        for (Map.Entry<Long, Token> e : ring.tokens().entrySet()) {
            out.writeInt((int) (long) e.getKey());
            writeName(out, e.getValue().owner());
            out.writeLong(e.getValue().version());
            out.writeLong(e.getValue().free());
        }
    }

    private static Ring readRing(ByteBuffer in) {
        int address = in.getInt();
        int prefix = in.get() & 0xff;
        if (prefix > 32) {
            throw new IllegalArgumentException("ring range prefix /" + prefix);
        }
        Cidr range = Cidr.of(AddressRange.ip(Integer.toUnsignedLong(address)), prefix);
        if (!range.isNetwork()) {
            throw new IllegalArgumentException("ring range " + range + " has host bits set");
        }
        List<PeerName> seeds = readNames(in);
        int tokens = count(in, 4 + PEER_NAME_BYTES + 16);
        Map<Long, Token> map = new TreeMap<>();
        for (int i = 0; i < tokens; i++) {
            long start = Integer.toUnsignedLong(in.getInt());
            map.put(start, new Token(readName(in), in.getLong(), in.getLong()));
        }
        return Ring.of(range, seeds, map);
    }

    private static void writeRange(DataOutputStream out, AddressRange range) throws IOException {
        out.writeLong(range.start());
        out.writeLong(range.end());
    }

    private static AddressRange readRange(ByteBuffer in) {
        return new AddressRange(in.getLong(), in.getLong());
    }

    private static void writeNode(DataOutputStream out, Paxos.NodeId node) throws IOException {
        writeName(out, node.name());
        out.writeLong(node.uid());
    }

    private static Paxos.NodeId readNode(ByteBuffer in) {
        return new Paxos.NodeId(readName(in), in.getLong());
    }

    private static void writeProposal(DataOutputStream out, Paxos.Proposal proposal) throws IOException {
        out.writeBoolean(proposal != null);
        if (proposal != null) {
            out.writeLong(proposal.round());
            writeNode(out, proposal.proposer());
        }
    }

    private static Paxos.Proposal readProposal(ByteBuffer in) {
        return readBoolean(in) ? new Paxos.Proposal(in.getLong(), readNode(in)) : null;
    }

    private static void writeNames(DataOutputStream out, List<PeerName> names) throws IOException {
        out.writeShort(names.size());
        for (PeerName name : names) {
            writeName(out, name);
        }
    }

    private static List<PeerName> readNames(ByteBuffer in) {
        int n = in.getShort() & 0xffff;
        if ((long) n * PEER_NAME_BYTES > in.remaining()) {
            throw new IllegalArgumentException("truncated IPAM message");
        }
        List<PeerName> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(readName(in));
        }
        return names;
    }

    private static void writeName(DataOutputStream out, PeerName name) throws IOException {
        out.writeShort((int) (name.value() >>> 32));
        out.writeInt((int) name.value());
    }

    private static PeerName readName(ByteBuffer in) {
        long high = in.getShort() & 0xffffL;
        long low = in.getInt() & 0xffff_ffffL;
        return new PeerName((high << 32) | low);
    }

    private static boolean readBoolean(ByteBuffer in) {
        int b = in.get();
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException("malformed IPAM message flag " + b);
        }
        return b == 1;
    }

    /** A count of items at least {@code minBytes} each, checked against what is left. */
    private static int count(ByteBuffer in, int minBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new IllegalArgumentException("IPAM message claims " + n + " items in " + in.remaining() + " bytes");
        }
        return n;
    }
}
