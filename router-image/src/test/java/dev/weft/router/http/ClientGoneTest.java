package dev.weft.router.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.api.ApiResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A waiting handler learns that its client went away however the client left (closed, half-closed,
 * reset) and whenever it left: before the handler asked to be told as well as after.
 */
class ClientGoneTest {
    private static final byte[] WAIT = "POST /wait HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final RouteTable routes = new RouteTable();
    private final CountDownLatch registered = new CountDownLatch(1);
    private final CountDownLatch mayRegister = new CountDownLatch(1);
    private final CountDownLatch gone = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private ApiServer server;

    private void start() throws IOException {
        routes.add("POST", "/wait", r -> {
            mayRegister.await();
            r.onClientGone(gone::countDown);
            registered.countDown();
            release.await();
            return ApiResponse.ok("late");
        });
        server = ApiServer.start("control", new ListenAddress("127.0.0.1", 0), routes, HttpLimits.DEFAULT);
    }

    @AfterEach
    void stop() {
        mayRegister.countDown();
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private Socket send() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 2000);
        socket.getOutputStream().write(WAIT);
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void aClientThatClosesAfterTheHandlerRegisteredIsReported() throws Exception {
        start();
        mayRegister.countDown();
        try (Socket socket = send()) {
            assertTrue(registered.await(3, TimeUnit.SECONDS));
            assertEquals(1, gone.getCount());
        }
        assertTrue(gone.await(3, TimeUnit.SECONDS));
    }

    @Test
    void aClientGoneBeforeTheHandlerRegisteredIsReportedAtRegistration() throws Exception {
        start();
        send().close();
        Thread.sleep(300); // the close is processed while the handler has not registered yet
        mayRegister.countDown();
        assertTrue(gone.await(3, TimeUnit.SECONDS), "a registration after the close runs at once");
    }

    @Test
    void aClientThatOnlyStopsSendingIsReported() throws Exception {
        start();
        mayRegister.countDown();
        try (Socket socket = send()) {
            assertTrue(registered.await(3, TimeUnit.SECONDS));
            socket.shutdownOutput();
            assertTrue(gone.await(3, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClientWhoseConnectionIsResetIsReported() throws Exception {
        start();
        mayRegister.countDown();
        Socket socket = send();
        assertTrue(registered.await(3, TimeUnit.SECONDS));
        socket.setSoLinger(true, 0);
        socket.close();
        assertTrue(gone.await(3, TimeUnit.SECONDS));
    }
}
