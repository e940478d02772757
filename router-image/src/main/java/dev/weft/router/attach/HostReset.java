package dev.weft.router.attach;

import dev.weft.router.iptables.ExecIptables;
import dev.weft.router.iptables.Iptables;
import dev.weft.router.iptables.RulesConfig;
import dev.weft.router.iptables.WeaveRules;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.model.Link;
import dev.weft.weaveutil.plumbing.NetlinkPlumbing;
import dev.weft.weaveutil.plumbing.Plumbing;
import java.util.ArrayList;
import java.util.List;

/**
 * The host cleanup of {@code weave reset} (SPEC §2.4 step 3), run after the router has stopped:
 * removes the router's iptables rules and chains, every {@code vethwe*} link, and the bridge.
 * Runnable on its own from the router and exec images:
 * {@code java -cp /home/weave/router.jar dev.weft.router.attach.HostReset [--weave-bridge B] [--docker-bridge D] [--port P]}.
 */
public final class HostReset {
    private HostReset() {}

    /**
     * @param hostLinks the names of the host's links (to find leftover veths)
     * @return the links deleted
     */
    public static List<String> reset(Plumbing plumbing, List<String> hostLinks, Iptables iptables, String weaveBridge,
                                     String dockerBridge, int meshPort) {
        String dockerIp = null;
        try {
            List<Cidr> addrs = dockerBridge.isEmpty() ? List.of() : plumbing.bridgeAddresses(dockerBridge);
            dockerIp = addrs.isEmpty() ? null : addrs.get(0).address().toString();
        } catch (RuntimeException e) {
            // no Docker bridge: none of the rules naming its address were made
        }
        new WeaveRules(iptables, new RulesConfig(weaveBridge, dockerBridge, dockerIp, meshPort,
                RulesConfig.DEFAULT_CONTROL_PORT)).tearDown();
        List<String> deleted = new ArrayList<>();
        for (String name : hostLinks) {
            if (name.contains("vethwe") || name.equals(weaveBridge)) {
                plumbing.deleteLink(name);
                deleted.add(name);
            }
        }
        return deleted;
    }

    public static void main(String[] args) {
        String weaveBridge = "weave";
        String dockerBridge = "docker0";
        int port = RulesConfig.DEFAULT_MESH_PORT;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--weave-bridge" -> weaveBridge = required(args[i], value);
                    case "--docker-bridge" -> dockerBridge = value == null ? required(args[i], null) : value;
                    case "--port" -> port = port(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
                i++;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("reset-host: " + e.getMessage()
                    + " (usage: reset-host [--weave-bridge B] [--docker-bridge D] [--port P])");
            System.exit(1);
        }
        try (NetlinkPlumbing plumbing = new NetlinkPlumbing()) {
            List<String> links = plumbing.hostNetlink().links().list().stream().map(Link::name).toList();
            reset(plumbing, links, ExecIptables.detect(), weaveBridge, dockerBridge, port);
        } catch (RuntimeException e) {
            System.err.println("reset-host: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid port '" + text + "'");
    }

    private static String required(String flag, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
