package dev.weft.weaveutil.netlink;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.model.Address;
import dev.weft.weaveutil.nl.AddressCodec;
import dev.weft.weaveutil.nl.NetlinkConnection;
import dev.weft.weaveutil.nl.Nl;
import java.util.List;

/** Address operations ({@code ip addr ...}) in one namespace. */
public final class Addresses {
    public static final int FAMILY_ALL = Nl.AF_UNSPEC;
    public static final int FAMILY_V4 = Nl.AF_INET;
    public static final int FAMILY_V6 = Nl.AF_INET6;

    private final NetlinkConnection connection;
    private final Links links;

    Addresses(NetlinkConnection connection, Links links) {
        this.connection = connection;
        this.links = links;
    }

    /** {@code ip addr show} (family 0 = all, 2 = IPv4, 10 = IPv6). */
    public List<Address> list(int family) {
        return connection.dump("list addresses", AddressCodec.dumpRequest(family)).stream()
                .filter(m -> m.type() == Nl.RTM_NEWADDR).map(AddressCodec::decode).toList();
    }

    /** {@code ip -4 addr show dev NAME}: the IPv4 addresses of one link. */
    public List<Cidr> listIpv4(String linkName) {
        int index = links.get(linkName).index();
        return list(FAMILY_V4).stream().filter(a -> a.linkIndex() == index).map(Address::toCidr).toList();
    }

    /** {@code ip addr add IP/LEN dev IF}; EEXIST if present. */
    public void add(Address address) {
        connection.execute("add address " + address + " to link #" + address.linkIndex(),
                AddressCodec.encode(Nl.RTM_NEWADDR, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, address));
    }

    /** {@code ip addr add CIDR dev NAME}. */
    public void add(String linkName, Cidr cidr) {
        int index = links.get(linkName).index();
        connection.execute("add address " + cidr + " to " + linkName,
                AddressCodec.encode(Nl.RTM_NEWADDR, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, Address.of(index, cidr)));
    }

    /** {@code ip addr del IP/LEN dev IF}; EADDRNOTAVAIL if absent. */
    public void delete(Address address) {
        connection.execute("delete address " + address + " from link #" + address.linkIndex(),
                AddressCodec.encode(Nl.RTM_DELADDR, 0, address));
    }

    /** {@code ip addr del CIDR dev NAME}. */
    public void delete(String linkName, Cidr cidr) {
        int index = links.get(linkName).index();
        connection.execute("delete address " + cidr + " from " + linkName,
                AddressCodec.encode(Nl.RTM_DELADDR, 0, Address.of(index, cidr)));
    }
}
