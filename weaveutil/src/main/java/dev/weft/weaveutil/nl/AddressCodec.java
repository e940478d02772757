package dev.weft.weaveutil.nl;

import dev.weft.weaveutil.model.Address;
import dev.weft.weaveutil.model.Inet;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Address messages (RTM_*ADDR). */
public final class AddressCodec {
    private AddressCodec() {
    }

    /**
     * RTM_NEWADDR or RTM_DELADDR for {@code address}. IFA_LOCAL and IFA_ADDRESS both carry the
     * address, as {@code ip addr add} sends them for a non-point-to-point link; new IPv4 addresses
     * get the subnet's broadcast address ({@code brd +}).
     */
    public static MessageBuilder encode(int type, int flags, Address address) {
        MessageBuilder out = new MessageBuilder(type, flags);
        byte[] ip = address.ip().getAddress();
        int family = ip.length == 4 ? Nl.AF_INET : Nl.AF_INET6;
        new IfAddrMsg(family, address.prefixLength(), 0, address.scope(), address.linkIndex()).writeTo(out);
        out.attribute(Nl.IFA_LOCAL, ip);
        out.attribute(Nl.IFA_ADDRESS, ip);
        if (family == Nl.AF_INET && address.prefixLength() < 31 && type == Nl.RTM_NEWADDR) {
            out.attribute(Nl.IFA_BROADCAST, broadcast(ip, address.prefixLength()));
        }
        if (address.label() != null) {
            out.attributeString(Nl.IFA_LABEL, address.label());
        }
        return out;
    }

    /** The subnet's broadcast address, as {@code ip addr add ... brd +} computes it. */
    static byte[] broadcast(byte[] ip, int prefixLength) {
        int bits = ((ip[0] & 0xff) << 24) | ((ip[1] & 0xff) << 16) | ((ip[2] & 0xff) << 8) | (ip[3] & 0xff);
        int hostMask = prefixLength == 0 ? -1 : (1 << (32 - prefixLength)) - 1;
        int b = bits | hostMask;
        return new byte[] {(byte) (b >>> 24), (byte) (b >>> 16), (byte) (b >>> 8), (byte) b};
    }

    public static MessageBuilder dumpRequest(int family) {
        MessageBuilder out = new MessageBuilder(Nl.RTM_GETADDR, 0);
        new IfAddrMsg(family, 0, 0, 0, 0).writeTo(out);
        return out;
    }

    public static Address decode(NetlinkMessage message) {
        ByteBuffer body = message.body();
        IfAddrMsg header = IfAddrMsg.read(body);
        Attributes a = Attributes.parse(body);
        // For point-to-point links IFA_ADDRESS is the peer; IFA_LOCAL is always our own address.
        byte[] ip = a.bytes(Nl.IFA_LOCAL).or(() -> a.bytes(Nl.IFA_ADDRESS))
                .orElseThrow(() -> new IllegalArgumentException("address message without an address"));
        InetAddress inet = Inet.fromBytes(ip);
        return new Address(header.index(), inet, header.prefixLength(), header.scope(),
                a.string(Nl.IFA_LABEL).orElse(null));
    }
}
