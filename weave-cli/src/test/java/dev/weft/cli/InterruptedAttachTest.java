package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C on a {@code weave attach} waiting for its address: the CLI's JVM, sent SIGINT, closes its
 * connection to the router (which is how the router learns to cancel the allocation) and sends the
 * attach once, not again on its way out.
 */
class InterruptedAttachTest {
    private final ServerSocket router = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Socket> heldAttaches = new LinkedBlockingQueue<>();
    private Process cli;

    InterruptedAttachTest() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        if (cli != null) {
            cli.destroyForcibly();
        }
        router.close();
    }

    @Test
    void sigintClosesTheWaitingConnectionAndSendsNothingMore() throws Exception {
        Thread accepter = new Thread(this::serve, "fake-router");
        accepter.setDaemon(true);
        accepter.start();
        // SIGINT as a terminal's foreground job has it, even when this test's JVM inherited it ignored
        // (started in the background): env execs java, so the pid is the CLI's
        List<String> argv = List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Weave.class.getName(), "attach", "c1");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("WEAVE_HTTP_ADDR", "127.0.0.1:" + router.getLocalPort());
        builder.environment().put("WEAVE_STATUS_ADDR", "127.0.0.1:" + router.getLocalPort());
        builder.environment().put("DOCKER_HOST", "unix:///nonexistent/docker.sock");
        cli = builder.start();

        Socket attach = heldAttaches.poll(60, TimeUnit.SECONDS);
        assertTrue(attach != null, "the attach never reached the router; requests: " + requests);
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());

        attach.setSoTimeout(10_000);
        int read;
        try (InputStream in = attach.getInputStream()) {
            read = in.read();
        } catch (SocketTimeoutException e) {
            read = -2;
        } catch (IOException e) {
            read = -1; // reset: gone as well
        }
        assertEquals(-1, read, "the interrupted CLI's connection stayed open (or sent more)");
        assertTrue(cli.waitFor(10, TimeUnit.SECONDS), "the CLI did not exit on SIGINT");
        assertEquals(130, cli.exitValue());
        assertEquals(1, requests.stream().filter(r -> r.startsWith("POST /weft/attach/c1")).count(), requests.toString());
    }

    /** Holds every attach unanswered (IPAM waiting); answers anything else (the wait notice's look-ups) at once. */
    private void serve() {
        while (true) {
            try {
                Socket socket = router.accept();
                String head = readHead(socket.getInputStream());
                requests.add(head.lines().findFirst().orElse(""));
                if (head.startsWith("POST /weft/attach/")) {
                    heldAttaches.add(socket);
                } else {
                    try (socket; OutputStream out = socket.getOutputStream()) {
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            head.append((char) b);
        }
        return head.toString();
    }
}
