package dev.weft.cli.engine;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import dev.weft.cli.http.UnixSocketHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ContainerStateProbe} as one raw {@code GET /containers/<name>/json}: over the engine's unix
 * socket ({@link UnixSocketHttp}) or, for {@code tcp://}, plain HTTP.
 * Loading docker-java just to say why the router is down would cost the CLI several hundred milliseconds.
 */
public final class EngineSocketProbe implements ContainerStateProbe {
    private final String dockerHost;

    /** @param dockerHost {@code unix://PATH} or {@code tcp://HOST:PORT} */
    public EngineSocketProbe(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    @Override
    public Optional<ContainerState> inspect(String container) throws IOException {
        String path = "/containers/" + container + "/json";
        Answer answer = dockerHost.startsWith("unix://") ? overUnixSocket(dockerHost.substring(7), path)
                : overTcp(dockerHost.replaceFirst("^tcp://", "http://"), path);
        if (answer.status == 404) {
            return Optional.empty();
        }
        if (answer.status != 200) {
            throw new IOException("Docker engine answered " + answer.status + " to " + path + ": " + answer.body.strip());
        }
        return Optional.of(ContainerState.fromInspect(JsonTrees.read(answer.body.getBytes(StandardCharsets.UTF_8))));
    }

    private record Answer(int status, String body) {
    }

    private static Answer overUnixSocket(String socketPath, String path) throws IOException {
        try {
            UnixSocketHttp.Answer answer = UnixSocketHttp.exchange(Path.of(socketPath), "GET", path, Map.of());
            return new Answer(answer.status(), answer.body());
        } catch (IOException e) {
            throw new IOException("cannot reach the Docker engine at unix://" + socketPath + ": " + e.getMessage(), e);
        }
    }

    private static Answer overTcp(String base, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setConnectTimeout(3000);
        try {
            int status = connection.getResponseCode();
            var in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }
}
