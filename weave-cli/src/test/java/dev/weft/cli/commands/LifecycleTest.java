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
        assertEquals("", result.out());
        assertEquals("Weave is not running (ignore on Kubernetes).\n", result.err());
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
    void resetGoesOnWhenIpamIsDisabled() {
        cli.docker.add("weave", "running", "weft/weave:0.1.0");
        Cli.Result result = cli.run("reset");   // the fake answers 404 to DELETE /peer, as a router without IPAM
        assertEquals(0, result.status(), result.err());
        assertEquals("", result.err());
        assertEquals(List.of("DELETE /peer"), cli.api.lines());
        assertEquals(List.of("stop weave 10", "remove weave -f"), cli.docker.log);
        assertTrue(cli.host.commands.contains("ipset destroy weaver-no-masq-local"));
    }

    @Test
    void resetGoesOnWhenTheHandOverFailsAndSaysSo() {
        cli.docker.add("weave", "running", "weft/weave:0.1.0");
        cli.api.answer("DELETE /peer", 500, "ring is busy\n");
        Cli.Result result = cli.run("reset");
        assertEquals(0, result.status(), result.err());
        assertEquals("weave: warning: this peer's addresses were not handed over to other peers (ring is busy); "
                + "resetting anyway\n", result.err());
        assertEquals(List.of("stop weave 10", "remove weave -f"), cli.docker.log);
    }

    @Test
    void resetGoesOnWhenTheRunningRouterDoesNotAnswer() {
        cli.docker.add("weave", "running", "weft/weave:0.1.0");
        cli.probe.with("weave", new dev.weft.cli.engine.ContainerState("abc", "running", "weft/weave:0.1.0", false, 9));
        cli.api.down();
        Cli.Result result = cli.run("reset");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.err().startsWith("weave: warning: this peer's addresses were not handed over to other peers "
                + "(cannot reach the router at 127.0.0.1:6784"), result.err());
        assertEquals(List.of("stop weave 10", "remove weave -f"), cli.docker.log);
    }

    @Test
    void resetOfARestartingRouterNeedsForce() {
        cli.docker.add("weave", "restarting", "weft/weave:0.1.0");
        Cli.Result result = cli.run("reset");
        assertEquals(1, result.status());
        assertEquals(List.of(), cli.api.lines());
        assertEquals(List.of(), cli.docker.log);
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
        assertEquals("", result.out() + result.err());
        assertEquals(List.of(), cli.api.lines(), "no router container: nothing to hand over");
        assertTrue(cli.host.commands.contains("ipset destroy weaver-no-masq-local"));
    }
}
