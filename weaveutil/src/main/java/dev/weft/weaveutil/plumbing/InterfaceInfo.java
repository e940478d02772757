package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;
import java.util.List;

/** A container's weave interface: name, MAC ({@code aa:bb:...}) and IPv4 addresses. */
public record InterfaceInfo(String name, String mac, List<Cidr> addresses) {
    public InterfaceInfo {
        addresses = List.copyOf(addresses);
    }
}
