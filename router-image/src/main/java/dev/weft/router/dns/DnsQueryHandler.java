package dev.weft.router.dns;

import dev.weft.weaveutil.addr.Ipv4;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * weaveDNS query semantics on wire bytes, without sockets: names in the domain are answered from
 * the table, in-addr.arpa PTR from the table when known, and everything else is handed back to be
 * forwarded. Replies are sized for the transport: 512 bytes or the EDNS0 size over UDP.
 */
public final class DnsQueryHandler {
    static final int PLAIN_UDP_LIMIT = 512;
    static final int TCP_LIMIT = 65535;
    static final int OUR_EDNS_SIZE = 4096;
    private static final int COMPRESSED_A_RECORD_SIZE = 16;
    private static final int EMPTY_OPT_SIZE = 11;
    private static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");

    private final DnsDomain domain;
    private final long ttl;
    private final Supplier<DnsIndex> index;

    /** What to do with one query: send {@code reply} now, or forward {@code query} upstream. */
    public record Outcome(byte[] reply, Message query) {
        public boolean needsForwarding() {
            return reply == null && query != null;
        }
    }

    private static final Outcome SILENCE = new Outcome(null, null);

    public DnsQueryHandler(DnsDomain domain, int ttl, Supplier<DnsIndex> index) {
        this.domain = domain;
        this.ttl = ttl;
        this.index = index;
    }

    public Outcome handle(byte[] data, int length, boolean tcp) {
        Message query;
        try {
            query = new Message(ByteBuffer.wrap(data, 0, length));
        } catch (IOException | RuntimeException e) {
            return length >= Message.MAXLENGTH || length < 12 ? SILENCE : new Outcome(formatError(data), null);
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return SILENCE;
        }
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return reply(error(query, Rcode.NOTIMP), query, tcp);
        }
        List<Record> questions = query.getSection(Section.QUESTION);
        if (questions.isEmpty()) {
            return reply(error(query, Rcode.FORMERR), query, tcp);
        }
        if (questions.size() > 1) {
            return reply(error(query, Rcode.NXDOMAIN), query, tcp);
        }
        Message answer = answerLocally(query, questions.get(0), limit(query, tcp));
        return answer == null ? new Outcome(null, query) : reply(answer, query, tcp);
    }

    /** Fits an upstream reply to what the client can take, or answers SERVFAIL when there was none. */
    public byte[] forwarded(Message query, byte[] upstreamReply, boolean tcp) {
        if (upstreamReply == null) {
            return encode(error(query, Rcode.SERVFAIL), query, tcp);
        }
        if (upstreamReply.length <= limit(query, tcp)) {
            return upstreamReply;
        }
        try {
            return encode(new Message(upstreamReply), query, tcp);
        } catch (IOException e) {
            return encode(error(query, Rcode.SERVFAIL), query, tcp);
        }
    }

    private Message answerLocally(Message query, Record question, int limit) {
        Name asked = question.getName();
        Name name = domain.qualify(asked);
        int type = question.getType();
        if (domain.contains(name)) {
            InetAddress[] addresses = index.get().lookup(name);
            if (addresses.length == 0) {
                return authoritative(error(query, Rcode.NXDOMAIN));
            }
            Message reply = authoritative(base(query));
            if (type == Type.A || type == Type.ANY) {
                addAddresses(reply, asked, shuffled(addresses), limit);
            }
            return reply;
        }
        if (asked.subdomain(IN_ADDR_ARPA)) {
            if (type != Type.PTR) {
                return error(query, Rcode.NXDOMAIN);
            }
            Ipv4 address = reverseAddress(asked);
            String hostname = address == null ? null : index.get().name(address);
            if (hostname == null) {
                return null;
            }
            try {
                Message reply = authoritative(base(query));
                reply.addRecord(new PTRRecord(asked, DClass.IN, ttl, Name.fromString(hostname)), Section.ANSWER);
                return reply;
            } catch (TextParseException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Adds as many A records as fit in {@code limit} bytes, setting TC when some had to be left out.
     * Each record costs a fixed {@value #COMPRESSED_A_RECORD_SIZE} bytes: its owner name is a
     * compression pointer to the question.
     */
    private void addAddresses(Message reply, Name owner, InetAddress[] addresses, int limit) {
        int headerAndQuestion = 12 + owner.length() + 4;
        int opt = reply.getOPT() == null ? 0 : EMPTY_OPT_SIZE;
        int room = (limit - headerAndQuestion - opt) / COMPRESSED_A_RECORD_SIZE;
        int count = Math.min(addresses.length, Math.max(0, room));
        for (int i = 0; i < count; i++) {
            reply.addRecord(new ARecord(owner, DClass.IN, ttl, addresses[i]), Section.ANSWER);
        }
        if (count < addresses.length) {
            reply.getHeader().setFlag(Flags.TC);
        }
    }

    private Outcome reply(Message reply, Message query, boolean tcp) {
        return new Outcome(encode(reply, query, tcp), null);
    }

    private static byte[] encode(Message reply, Message query, boolean tcp) {
        return reply.toWire(limit(query, tcp));
    }

    static int limit(Message query, boolean tcp) {
        if (tcp) {
            return TCP_LIMIT;
        }
        OPTRecord opt = query.getOPT();
        return opt == null ? PLAIN_UDP_LIMIT : Math.max(PLAIN_UDP_LIMIT, opt.getPayloadSize());
    }

    private static Message base(Message query) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        for (Record question : query.getSection(Section.QUESTION)) {
            reply.addRecord(question, Section.QUESTION);
        }
        if (query.getOPT() != null) {
            reply.addRecord(new OPTRecord(OUR_EDNS_SIZE, 0, 0), Section.ADDITIONAL);
        }
        return reply;
    }

    private static Message error(Message query, int rcode) {
        Message reply = base(query);
        reply.getHeader().setRcode(rcode);
        return reply;
    }

    private static Message authoritative(Message reply) {
        reply.getHeader().setFlag(Flags.AA);
        return reply;
    }

    private static byte[] formatError(byte[] data) {
        Message reply = new Message(((data[0] & 0xff) << 8) | (data[1] & 0xff));
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setRcode(Rcode.FORMERR);
        return reply.toWire();
    }

    private static InetAddress[] shuffled(InetAddress[] addresses) {
        if (addresses.length == 1) {
            return addresses;
        }
        InetAddress[] copy = addresses.clone();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            InetAddress t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }

    /** {@code 4.3.2.1.in-addr.arpa.} to 1.2.3.4; null when it is not exactly four octets. */
    static Ipv4 reverseAddress(Name name) {
        if (name.labels() != 7) {
            return null;
        }
        String forward = name.getLabelString(3) + "." + name.getLabelString(2) + "." + name.getLabelString(1) + "."
                + name.getLabelString(0);
        return Ipv4.isValid(forward) ? Ipv4.parse(forward) : null;
    }
}
