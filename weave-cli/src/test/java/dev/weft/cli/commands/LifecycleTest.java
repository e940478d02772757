package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.testing.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** stop and reset. */
class LifecycleTest {
    private final Cli cli = new Cli();

    @Test
    void stopStopsTheRouter() {
        cli.docker.add("weave", "running", "weft/weave:0.1.0");
        Cli.Result result = cli.run("stop");
        assertEquals(0, result.status());
        assertEquals("", result.out());
        assertEquals(List.of("stop weave 10"), cli.docker.log);
    }

    @Test
    void stopWithoutRouterIsNotAFailure() {
        Cli.Result result = cli.run("stop");
        assertEquals(0, result.status());
        assertEquals("Weave is not running (ignore on Kubernetes).\n", result.out());
    }

    @Test
    void stopTakesNoArguments() {
        Cli.Result result = cli.run("stop", "now");
        assertEquals(1, result.status());
        assertEquals("weave: Unmatched argument at index 1: 'now'. See 'weave stop --help'.\n", result.err());
    }

    @Test
    void resetHandsOverRangesThenRemovesEverything() {
        cli.docker.add("weave", "running", "weft/weave:0.1.0");
        cli.docker.create(new ContainerSpec("weavedb", "weft/weavedb:latest", List.of("data-only"), List.of(),
                List.of(), List.of(), List.of("/weavedb"), List.of(), Map.of("weavevolumes", ""), false, false, null,
                false));
        cli.api.answer("DELETE /peer", 204, "");
        cli.host.outputs.put("ip -o link show", "1: lo: <LOOPBACK,UP> mtu 65536\n"
                + "5: weave: <BROADCAST,MULTICAST,UP> mtu 1376\n7: vethwe-bridge@vethwe-pcap: <UP> mtu 1376\n");
        cli.host.outputs.put("iptables -t nat -S", "-P POSTROUTING ACCEPT\n-N WEAVE\n-A POSTROUTING -j WEAVE\n");
        Cli.Result result = cli.run("reset");
        assertEquals(0, result.status(), result.err());
        assertEquals(List.of("DELETE /peer"), cli.api.lines());
        assertEquals(1, cli.host.pauses);
        assertEquals(List.of("create weavedb", "stop weave 10", "remove weave -f", "remove weavedb -f -v"),
                cli.docker.log);
        assertTrue(cli.host.commands.containsAll(List.of("ip link delete weave", "ip link delete vethwe-bridge",
                "sh -c iptables -t nat -D POSTROUTING -j WEAVE", "iptables -t nat -F WEAVE", "iptables -t nat -X WEAVE",
                "ipset destroy weaver-no-masq-local")), cli.host.commands.toString());
    }

    @Test
    void resetOfAStoppedRouterNeedsForce() {
        cli.docker.add("weave", "exited", "weft/weave:0.1.0");
        Cli.Result result = cli.run("reset");
        assertEquals(1, result.status());
        assertEquals("weave: weave is not running; unable to remove from cluster. Use 'weave reset --force' to reset "
                + "anyway.\n", result.err());
        assertEquals(List.of(), cli.docker.log);
    }

    @Test
    void forcedResetSkipsTheHandOver() {
        cli.docker.add("weave", "exited", "weft/weave:0.1.0");
        Cli.Result result = cli.run("reset", "--force");
        assertEquals(0, result.status(), result.err());
        assertEquals(List.of(), cli.api.lines());
        assertEquals(List.of("remove weave -f"), cli.docker.log);
    }

    @Test
    void resetWithNothingLaunchedStillCleansTheHost() {
        Cli.Result result = cli.run("reset");
        assertEquals(0, result.status(), result.err());
        assertTrue(cli.host.commands.contains("ipset destroy weaver-no-masq-local"));
    }
}
