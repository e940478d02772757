package dev.weft.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.ApiResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IpamWaitNoticeTest {
    static final String REASON = "waiting for IP allocation consensus: 1 of quorum 2 peers heard; run `weave status ipam`";

    @Test
    void aCallStillWaitingGetsOneLineSayingWhatIpamWaitsFor() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        ApiClient router = new ApiClient((listener, method, path, params, accept) -> {
            assertEquals("GET " + IpamWaitNotice.PATH, method + " " + path);
            return new ApiResponse(200, polls.incrementAndGet() < 2 ? "" : REASON + "\n");
        }, name -> Optional.empty(), "weave");
        StringWriter err = new StringWriter();
        try (IpamWaitNotice notice = IpamWaitNotice.start(router, new PrintWriter(err), 20)) {
            Thread.sleep(400);
        }
        assertEquals(REASON + System.lineSeparator(), err.toString(), "said once, after the reason appeared");
    }

    @Test
    void aQuickCallSaysNothingAndAnOldRouterIsNoProblem() throws Exception {
        ApiClient quiet = new ApiClient((l, m, p, q, a) -> new ApiResponse(404, "404 page not found"),
                name -> Optional.empty(), "weave");
        StringWriter err = new StringWriter();
        try (IpamWaitNotice notice = IpamWaitNotice.start(quiet, new PrintWriter(err), 20)) {
            Thread.sleep(100);
        }
        try (IpamWaitNotice notice = IpamWaitNotice.start(quiet, new PrintWriter(err))) {
            assertEquals("", err.toString());
        }
        assertEquals("", err.toString());
    }
}
