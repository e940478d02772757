package dev.weft.router.attach;

import dev.weft.router.api.ApiModule;
import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.api.ContainerLiveness;
import dev.weft.router.bridge.AddressAnnouncer;
import dev.weft.router.bridge.GratuitousArpAnnouncer;
import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.InspectLiveness;
import dev.weft.router.iptables.CanaryWatchdog;
import dev.weft.router.iptables.ExecIptables;
import dev.weft.router.iptables.ExposeRules;
import dev.weft.router.iptables.Iptables;
import dev.weft.router.iptables.WeaveRules;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.NetlinkPlumbing;
import dev.weft.weaveutil.plumbing.Plumbing;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's host side wired together: the weave bridge, the iptables rules and their
 * watchdog, and the attach/detach/ps/expose endpoints. The daemon creates it, calls
 * {@link #start()}, registers {@link #apiModules()}, and on {@code reset} calls {@link #reset()}.
 */
public final class HostSide implements AutoCloseable {
    private final WeaveBridge bridge;
    private final WeaveRules rules;
    private final ExposeService expose;
    private final CanaryWatchdog watchdog;
    private final Containers containers;
    private final AttachService attach;
    private final List<ApiModule> modules;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private HostSide(WeaveBridge bridge, WeaveRules rules, ExposeService expose, Containers containers,
                     AttachService attach, List<ApiModule> modules, BackgroundFailures failures) {
        this.bridge = bridge;
        this.rules = rules;
        this.expose = expose;
        this.containers = containers;
        this.attach = attach;
        this.modules = modules;
        this.watchdog = new CanaryWatchdog(rules, expose::reexpose, failures);
    }

    /**
     * The host side on this machine: netlink plumbing and the {@code iptables} program in the
     * caller's network namespace (the router runs with {@code --net=host}); they are closed with it.
     */
    public static HostSide createOnHost(HostSideConfig config, Containers containers, AddressBook addresses,
                                        NameBook names) {
        NetNs hostNs = NetNs.current();
        try {
            NetlinkPlumbing plumbing = new NetlinkPlumbing();
            HostSide side = create(config, plumbing, hostNs, ExecIptables.detect(), containers, addresses, names,
                    new GratuitousArpAnnouncer(plumbing, hostNs), new BackgroundFailures());
            side.owned.add(plumbing);
            side.owned.add(hostNs);
            return side;
        } catch (RuntimeException e) {
            hostNs.close();
            throw e;
        }
    }

    /**
     * @param hostNs    the host's network namespace (where bridge sysctls are written)
     * @param addresses IPAM, or null when it is disabled
     * @param names     weaveDNS, or null when it is disabled
     */
    public static HostSide create(HostSideConfig config, Plumbing plumbing, NetNs hostNs, Iptables iptables,
                                  Containers containers, AddressBook addresses, NameBook names) {
        return create(config, plumbing, hostNs, iptables, containers, addresses, names, null, new BackgroundFailures());
    }

    /**
     * As above, announcing exposed addresses with {@code announcer} (null: no announcements) and
     * recording the watchdog's failures in {@code failures}.
     */
    public static HostSide create(HostSideConfig config, Plumbing plumbing, NetNs hostNs, Iptables iptables,
                                  Containers containers, AddressBook addresses, NameBook names,
                                  AddressAnnouncer announcer, BackgroundFailures failures) {
        WeaveBridge bridge = new WeaveBridge(plumbing, hostNs, config.weaveBridge(), config.mtu(), config.peerMac());
        WeaveRules rules = new WeaveRules(iptables, config.rules());
        ExposeService expose = new ExposeService(bridge, new ExposeRules(iptables), names, announcer);
        ContainerResolver resolver = new ContainerResolver(containers);
        AttachService attach = new AttachService(resolver, plumbing, bridge, addresses, names,
                new HostsFileWriter(config.procRoot(), config.hostRoot()));
        PsService ps = new PsService(containers, plumbing, bridge);
        List<ApiModule> modules = List.of(new AttachApi(attach, ps, resolver), new ExposeApi(expose));
        return new HostSide(bridge, rules, expose, containers, attach, modules, failures);
    }

    /** Creates the bridge and the rules, re-applies rules of addresses already exposed, starts the watchdog. */
    public void start() {
        bridge.ensure();
        rules.setUp();
        expose.reexpose();
        watchdog.start();
    }

    public List<ApiModule> apiModules() {
        return modules;
    }

    public WeaveBridge bridge() {
        return bridge;
    }

    /** Attaching as {@code /weft/attach} does, for other components (e.g. the Docker API proxy). */
    public AttachService attachService() {
        return attach;
    }

    /** Liveness for IPAM's {@code check-alive}, by inspecting the container. */
    public ContainerLiveness liveness() {
        return new InspectLiveness(containers);
    }

    /** For {@code weave reset}: removes the rules and the bridge. */
    public void reset() {
        watchdog.close();
        rules.tearDown();
        bridge.remove();
    }

    @Override
    public void close() {
        watchdog.close();
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing a netlink socket or namespace handle: nothing left to do about it
            }
        }
        owned.clear();
    }
}
