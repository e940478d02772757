package dev.weft.router.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.time.Duration;

/**
 * Makes the docker-java client. The API version is left unset so that the engine answers at its
 * own version (docker-java does not negotiate, and a version newer than the engine's is refused).
 * Every call is bounded: connecting by {@link #CONNECT_TIMEOUT}, waiting for the engine's answer
 * (and between the bytes of a stream) by the given response time-out.
 */
public final class DockerClients {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** For commands (inspect, list): an engine that takes longer is treated as unavailable. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** For the event stream: a quiet engine sends nothing, so the stream is re-opened after this. */
    public static final Duration EVENT_STREAM_TIMEOUT = Duration.ofMinutes(5);

    private DockerClients() {}

    /** {@code DOCKER_HOST} from the environment, else the default socket. */
    public static String hostFromEnvironment() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() ? DEFAULT_HOST : host;
    }

    /** A client for commands, with {@link #COMMAND_TIMEOUT}. */
    public static DockerClient connect(String dockerHost) {
        return connect(dockerHost, COMMAND_TIMEOUT);
    }

    public static DockerClient connect(String dockerHost, Duration responseTimeout) {
        DockerClientConfig config = config(dockerHost);
        return DockerClientImpl.getInstance(config, transport(config, responseTimeout));
    }

    /** docker-java's HTTP transport alone, for requests whose answers the router reads itself. */
    public static DockerHttpClient transport(String dockerHost, Duration responseTimeout) {
        return transport(config(dockerHost), responseTimeout);
    }

    private static DockerClientConfig config(String dockerHost) {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
    }

    private static DockerHttpClient transport(DockerClientConfig config, Duration responseTimeout) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(20)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(responseTimeout)
                .build();
    }
}
