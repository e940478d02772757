package dev.weft.cli.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalHostTest {

    @Test
    void parsesProcNetRouteSkippingDefaultAndExcludedInterface() {
        List<String> lines = List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
                "weave\t0000200A\t00000000\t0001\t0\t0\t0\t0000F0FF\t0\t0\t0");
        assertEquals(List.of(Cidr.parse("192.168.1.0/24"), Cidr.parse("172.17.0.0/16")),
                LocalHost.parseRoutes(lines, "weave"));
    }
}
