package dev.weft.cli;

import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.engine.DockerEngine;
import dev.weft.cli.engine.DockerJavaEngine;
import dev.weft.cli.engine.RunOptions;
import dev.weft.cli.engine.UnixSocketDockerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The part of the CLI's archive training ({@link ArchiveTraining}) that covers the Docker engine clients:
 * {@code launch}, {@code stop} and {@code reset} talk to the engine on its unix socket through
 * {@link UnixSocketDockerEngine}, whose calls (and their error path) this runs first; remote execution and
 * {@code tcp://} engines go through docker-java and Apache HttpClient, ~1,800 classes that would otherwise
 * load from their jars, so it runs the same calls through {@link DockerJavaEngine} too. The calls go to a
 * canned engine on a unix socket in a fresh temporary directory, answered from a table, so the run needs
 * no engine and reaches nothing outside the process.
 */
final class EngineTraining {
    private static final String CONTAINER = "{\"Id\":\"0123456789ab\",\"Config\":{\"Image\":\"weft/weave:0\"},"
            + "\"State\":{\"Status\":\"running\",\"Running\":true,\"Restarting\":false,\"Pid\":1}}";
    private static final int MAX_HEAD = 64 << 10;

    private EngineTraining() {
    }

    /** Runs the engine calls of launch, stop and reset and returns the id the canned engine gave the created container. */
    static String run() throws IOException {
        Path dir = Files.createTempDirectory("weave-training");
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = new Thread(() -> serve(server), "canned-engine");
            engine.setDaemon(true);
            engine.start();
            String id = exercise(new UnixSocketDockerEngine(socket, Duration.ofSeconds(10), () -> {
                throw new IllegalStateException("the archive training run does not run containers");
            }));
            exercise(DockerJavaEngine.connect("unix://" + socket));
            return id;
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static String exercise(DockerEngine docker) {
        docker.inspect("missing");
        docker.inspect("weave");
        docker.imageExists("weft/weave:0");
        RunOptions options = new RunOptions.Builder().limit("--memory", 300L << 20).limit("--cpus", 1_000_000_000L)
                .label("team", "net").ulimit("nofile=1024:2048").capAdd("NET_ADMIN").logOpt("max-size", "10m")
                .restartPolicy("on-failure:3").build();
        String id = docker.create(new ContainerSpec("weave", "weft/weave:0", List.of(), List.of("--port", "6783"),
                List.of("A=1"), List.of("/var/run/docker.sock:/var/run/docker.sock"), List.of("/w"), List.of(),
                Map.of("weft", ""), true, true, "always", false, options));
        docker.start(id);
        docker.logTail(id, 5);
        docker.disableRestart(id);
        docker.kill(id);
        try {
            docker.kill("missing");
        } catch (DockerEngine.EngineException e) {
            // the error path: the engine's message in an exception
        }
        docker.containersLabelled("weft");
        docker.stop(id, 1);
        docker.remove(id, true, false);
        return id;
    }

    private static void serve(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel connection = server.accept()) {
                InputStream in = Channels.newInputStream(connection);
                OutputStream out = Channels.newOutputStream(connection);
                String head;
                while ((head = readHead(in)) != null) {
                    skipBody(in, head);
                    answer(out, head.substring(0, head.indexOf('\r')));
                }
            } catch (IOException e) {
                // the client went away: take the next connection
            }
        }
    }

    private static void answer(OutputStream out, String requestLine) throws IOException {
        String[] parts = requestLine.split(" ");
        String method = parts[0];
        String path = parts.length > 1 ? parts[1] : "/";
        int status = 200;
        String body = "{}";
        String type = "application/json";
        if (path.contains("/containers/missing/")) {
            status = 404;
            body = "{\"message\":\"No such container: missing\"}";
        } else if (path.contains("/containers/create")) {
            status = 201;
            body = "{\"Id\":\"0123456789ab\",\"Warnings\":[]}";
        } else if (path.contains("/containers/json")) {
            body = "[{\"Id\":\"0123456789ab\",\"Names\":[\"/weave\"],\"Labels\":{\"weft\":\"\"}}]";
        } else if (path.contains("/logs")) {
            type = "application/vnd.docker.multiplexed-stream";
            body = "\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0005done\n";
        } else if (path.contains("/update")) {
            body = "{\"Warnings\":[]}";
        } else if (path.contains("/containers/") && method.equals("GET")) {
            body = CONTAINER;
        } else if (path.contains("/images/")) {
            body = "{\"Id\":\"sha256:0123\",\"RepoTags\":[\"weft/weave:0\"]}";
        } else if (!method.equals("GET")) {
            status = 204;
            body = "";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String reason = status == 404 ? "Not Found" : status == 204 ? "No Content" : status == 201 ? "Created" : "OK";
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nApi-Version: 1.41\r\n"
                + (status == 204 ? "" : "Content-Type: " + type + "\r\nContent-Length: " + bytes.length + "\r\n")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** The request head up to its blank line; null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head too long");
            }
            if (b == '\n' && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase();
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            long length = Long.parseLong(lower.substring(at + 15, lower.indexOf('\r', at)).strip());
            in.skipNBytes(length);
        } else if (lower.contains("transfer-encoding: chunked")) {
            long size;
            do {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.append((char) b);
                }
                size = Long.parseLong(line.toString().strip(), 16);
                in.skipNBytes(size + 2);
            } while (size > 0);
        }
    }
}
