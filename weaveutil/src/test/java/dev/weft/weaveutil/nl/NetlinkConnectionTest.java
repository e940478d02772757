package dev.weft.weaveutil.nl;

import static dev.weft.weaveutil.nl.FakeNetlinkSocket.concat;
import static dev.weft.weaveutil.nl.FakeNetlinkSocket.done;
import static dev.weft.weaveutil.nl.FakeNetlinkSocket.error;
import static dev.weft.weaveutil.nl.FakeNetlinkSocket.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.model.LinkAttrs;
import dev.weft.weaveutil.model.Bridge;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NetlinkConnectionTest {

    private static byte[] linkReply(int seq, int index, String name) {
        byte[] body = LinkCodec.newLink(new Bridge(new LinkAttrs(index, name, 1500, null, 0, 0, 0))).build(0);
        byte[] payload = java.util.Arrays.copyOfRange(body, 16, body.length);
        ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).putInt(4, index);
        return message(Nl.RTM_NEWLINK, Nl.NLM_F_MULTI, seq, payload);
    }

    @Test
    void anAcknowledgedRequestCarriesRequestAndAckFlags() {
        FakeNetlinkSocket socket = new FakeNetlinkSocket(seq -> List.of(error(seq, 0)));
        new NetlinkConnection(socket).execute("set weave up", LinkCodec.setUp(0, "weave", true));
        int flags = Short.toUnsignedInt(ByteBuffer.wrap(socket.sent.get(0)).order(ByteOrder.nativeOrder()).getShort(6));
        assertEquals(Nl.NLM_F_REQUEST | Nl.NLM_F_ACK, flags);
    }

    @Test
    void aKernelErrorNamesTheOperationAndTheErrno() {
        FakeNetlinkSocket socket = new FakeNetlinkSocket(seq -> List.of(error(seq, Errno.EEXIST)));
        NetlinkException e = assertThrows(NetlinkException.class, () -> new NetlinkConnection(socket)
                .execute("add bridge weave", LinkCodec.newLink(new Bridge(LinkAttrs.named("weave")))));
        assertEquals("add bridge weave: EEXIST (file exists)", e.getMessage());
        assertEquals(17, e.errno());
        assertEquals("add bridge weave", e.operation());
    }

    @Test
    void theKernelsExtendedAckTextIsAppended() {
        FakeNetlinkSocket socket = new FakeNetlinkSocket(seq -> {
            byte[] text = "Unknown device type\0".getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(4 + 16 + Nl.align(4 + text.length)).order(ByteOrder.nativeOrder());
            b.putInt(-Errno.EOPNOTSUPP);
            b.putInt(16).putShort((short) Nl.RTM_NEWLINK).putShort((short) 0).putInt(seq).putInt(0);
            b.putShort((short) (4 + text.length)).putShort((short) Nl.NLMSGERR_ATTR_MSG).put(text);
            return List.of(message(Nl.NLMSG_ERROR, Nl.NLM_F_CAPPED | Nl.NLM_F_ACK_TLVS, seq, b.array()));
        });
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> new NetlinkConnection(socket).execute("add dummy d0", LinkCodec.setUp(0, "d0", true)));
        assertEquals("add dummy d0: EOPNOTSUPP (operation not supported): Unknown device type", e.getMessage());
    }

    @Test
    void aDumpSpanningSeveralDatagramsIsCollectedUntilDone() {
        FakeNetlinkSocket socket = new FakeNetlinkSocket(seq -> List.of(
                concat(linkReply(seq, 1, "lo"), linkReply(seq, 2, "eth0")),
                linkReply(seq, 3, "weave"),
                concat(linkReply(seq, 4, "vethwepl42"), done(seq))));
        List<Link> links = new NetlinkConnection(socket).dump("list links", LinkCodec.dumpRequest()).stream()
                .map(LinkCodec::decode).toList();
        assertEquals(List.of("lo", "eth0", "weave", "vethwepl42"), links.stream().map(Link::name).toList());
        assertEquals(List.of(1, 2, 3, 4), links.stream().map(Link::index).toList());
    }

    @Test
    void repliesToOtherSequenceNumbersAreSkipped() {
        FakeNetlinkSocket socket = new FakeNetlinkSocket(seq -> List.of(
                concat(error(seq - 1, Errno.EPERM), linkReply(seq - 1, 9, "stale")),
                concat(linkReply(seq, 1, "lo"), done(seq))));
        List<NetlinkMessage> replies = new NetlinkConnection(socket).dump("list links", LinkCodec.dumpRequest());
        assertEquals(1, replies.size());
        assertEquals("lo", LinkCodec.decode(replies.get(0)).name());
    }

    @Test
    void anInterruptedDumpIsRepeated() {
        AtomicInteger attempts = new AtomicInteger();
        FakeNetlinkSocket socket = new FakeNetlinkSocket(seq -> attempts.incrementAndGet() == 1
                ? List.of(concat(linkReply(seq, 1, "lo"),
                        message(Nl.NLMSG_DONE, Nl.NLM_F_MULTI | Nl.NLM_F_DUMP_INTR, seq, new byte[4])))
                : List.of(concat(linkReply(seq, 1, "lo"), linkReply(seq, 2, "weave"), done(seq))));
        List<NetlinkMessage> replies = new NetlinkConnection(socket).dump("list links", LinkCodec.dumpRequest());
        assertEquals(2, attempts.get());
        assertEquals(2, replies.size());
    }

    @Test
    void anErrorInsideADumpIsThrown() {
        FakeNetlinkSocket socket = new FakeNetlinkSocket(seq -> List.of(error(seq, Errno.EPERM)));
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> new NetlinkConnection(socket).dump("list routes", RouteCodec.dumpRequest(Nl.AF_INET)));
        assertTrue(e.getMessage().startsWith("list routes: EPERM"), e.getMessage());
    }

    @Test
    void aQueryReturnsTheSingleReply() {
        FakeNetlinkSocket socket = new FakeNetlinkSocket(seq -> List.of(linkReply(seq, 7, "weave")));
        NetlinkMessage reply = new NetlinkConnection(socket).query("get link weave", LinkCodec.getByName("weave"));
        assertEquals("weave", LinkCodec.decode(reply).name());
    }
}
