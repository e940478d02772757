package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.ns.NetNs;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The host and container network plumbing weave needs (SPEC §3.3/§3.4 semantics). The real
 * implementation is {@link NetlinkPlumbing}; {@code FakePlumbing} (in weaveutil's test-jar) keeps
 * the same rules in memory for other modules' tests. Failures are unchecked exceptions whose
 * one-line message names the operation, the object and, for kernel errors, the errno.
 */
public interface Plumbing {

    /** Creates the bridge if missing (else checks it is a bridge), sets MTU and MAC if given, and sets it up. */
    void ensureBridge(String name, int mtu, String macOrNull);

    /** Deletes a link; a missing link is fine. */
    void deleteLink(String name);

    /** The IPv4 addresses on the bridge. */
    List<Cidr> bridgeAddresses(String bridge);

    /** Adds an address to the bridge; false if it was already there. */
    boolean addBridgeAddress(String bridge, Cidr addr);

    /** Removes an address from the bridge; false if it was not there. */
    boolean deleteBridgeAddress(String bridge, Cidr addr);

    /**
     * Connects the network namespace of process {@code pid} to {@code bridge} through a veth whose
     * container end is {@code opts.ifName()}, then adds the addresses. Addresses already present
     * are fine. On failure a veth made by this call is removed again.
     *
     * @return the addresses that were newly added
     */
    List<Cidr> attachContainer(int pid, String bridge, List<Cidr> addrs, AttachOptions opts);

    /**
     * Removes addresses from the container's {@code ethwe}; when none is left, takes {@code ethwe}
     * out of service at once and has it deleted (by {@link NetlinkPlumbing} moments later, batched).
     * A container without {@code ethwe}, or one that is gone, has nothing to remove.
     *
     * @return the addresses that were removed
     */
    List<Cidr> detachContainer(int pid, List<Cidr> addrs);

    /** MAC and IPv4 addresses of the named interface in the container; empty if it has none. */
    Optional<InterfaceInfo> containerInterface(int pid, String ifName);

    /** Whether {@code cidr} overlaps a route of the current namespace, ignoring routes via the given interfaces. */
    boolean overlapsHostRoute(Cidr cidr, Set<String> ignoreInterfaces);

    /** Writes a sysctl below /proc/sys, e.g. {@code net/ipv4/conf/weave/arp_notify}, in {@code ns}. */
    void setSysctl(NetNs ns, String key, String value);
}
