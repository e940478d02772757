package dev.weft.router.attach;

import dev.weft.router.api.ApiModule;
import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.bridge.AddressAnnouncer;
import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.concurrent.DaemonThreads;
import dev.weft.router.docker.Containers;
import dev.weft.router.iptables.CanaryWatchdog;
import dev.weft.router.iptables.ExposeRules;
import dev.weft.router.iptables.Iptables;
import dev.weft.router.iptables.WeaveRules;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.Plumbing;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The router's host side wired together: the weave bridge, the iptables rules and their
 * watchdog, and the attach/detach/ps/expose endpoints. The daemon creates it, calls
 * {@link #start()} and registers {@link #apiModules()}. ({@code weave reset} cleans the host from the
 * CLI, after the router has stopped.)
 */
public final class HostSide implements AutoCloseable {
    private final WeaveBridge bridge;
    private final WeaveRules rules;
    private final ExposeService expose;
    private final CanaryWatchdog watchdog;
    private final AttachService attach;
    private final List<ApiModule> modules;

    private HostSide(WeaveBridge bridge, WeaveRules rules, ExposeService expose, AttachService attach,
                     List<ApiModule> modules, BackgroundFailures failures) {
        this.bridge = bridge;
        this.rules = rules;
        this.expose = expose;
        this.attach = attach;
        this.modules = modules;
        this.watchdog = new CanaryWatchdog(rules, expose::reexpose, failures);
    }

    /**
     * @param hostNs    the host's network namespace (where bridge sysctls are written)
     * @param addresses IPAM, or null when it is disabled
     * @param names     weaveDNS, or null when it is disabled
     * @param announcer announces exposed addresses (null: no announcements)
     * @param failures  where the iptables watchdog's failures are counted
     */
    public static HostSide create(HostSideConfig config, Plumbing plumbing, NetNs hostNs, Iptables iptables,
                                  Containers containers, AddressBook addresses, NameBook names,
                                  AddressAnnouncer announcer, BackgroundFailures failures) {
        return create(config, bridge(config, plumbing, hostNs), plumbing, iptables, containers, addresses, names,
                announcer, failures);
    }

    /** The weave bridge as {@link #create} makes it, for a caller that brings it up before the rest exists. */
    public static WeaveBridge bridge(HostSideConfig config, Plumbing plumbing, NetNs hostNs) {
        return new WeaveBridge(plumbing, hostNs, config.weaveBridge(), config.mtu(), config.peerMac());
    }

    /** As above, around a bridge made by {@link #bridge}. */
    public static HostSide create(HostSideConfig config, WeaveBridge bridge, Plumbing plumbing, Iptables iptables,
                                  Containers containers, AddressBook addresses, NameBook names,
                                  AddressAnnouncer announcer, BackgroundFailures failures) {
        WeaveRules rules = new WeaveRules(iptables, config.rules());
        ExposeService expose = new ExposeService(bridge, new ExposeRules(iptables), names, announcer);
        ContainerResolver resolver = new ContainerResolver(containers);
        AttachService attach = new AttachService(resolver, plumbing, bridge, addresses, names,
                new HostsFileWriter(config.procRoot(), config.hostRoot()));
        PsService ps = new PsService(containers, plumbing, bridge);
        List<ApiModule> modules = List.of(new AttachApi(attach, ps, resolver), new ExposeApi(expose));
        return new HostSide(bridge, rules, expose, attach, modules, failures);
    }

    /** Creates the bridge and the rules, re-applies rules of addresses already exposed, starts the watchdog. */
    public void start() {
        bridge.ensure();
        applyRules();
    }

    /** Creates the bridge (what the data plane needs). */
    public void startBridge() {
        bridge.ensure();
    }

    /**
     * The rest of {@link #start()} on a thread of its own: some forty {@code iptables} runs (about
     * half a second) that nothing but attached containers needs, so they overlap the data plane's
     * and the mesh's start. The returned stage completes when they are in place, or with their error.
     */
    public CompletableFuture<Void> applyRulesInBackground() {
        return CompletableFuture.runAsync(this::applyRules, DaemonThreads.startingEach("iptables-setup"));
    }

    private void applyRules() {
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

    @Override
    public void close() {
        watchdog.close();
    }
}
