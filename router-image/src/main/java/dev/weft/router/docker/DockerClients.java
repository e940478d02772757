package dev.weft.router.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * Makes the docker-java client. The API version is left unset so that the engine answers at its
 * own version (docker-java does not negotiate, and a version newer than the engine's is refused).
 */
public final class DockerClients {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private DockerClients() {}

    /** {@code DOCKER_HOST} from the environment, else the default socket. */
    public static String hostFromEnvironment() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() ? DEFAULT_HOST : host;
    }

    public static DockerClient connect(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(20)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
