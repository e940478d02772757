package dev.weft.cli;

import dev.weft.cli.engine.ContainerStateProbe;
import dev.weft.cli.engine.DockerEngine;
import dev.weft.cli.engine.DockerJavaEngine;
import dev.weft.cli.engine.EngineSocketProbe;
import dev.weft.cli.engine.UnixSocketDockerEngine;
import dev.weft.cli.host.Host;
import dev.weft.cli.host.LocalHost;
import dev.weft.cli.api.HttpWeaveApi;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.WeaveApi;
import java.util.function.Supplier;

/**
 * What commands work with, handed to them by {@link CommandFactory}; tests build one with fakes.
 * The Docker engine client is made on first use: most commands never load docker-java, and on a unix
 * socket none does but remote execution.
 */
public class Services {
    private final Env env;
    private final WeaveApi.Factory apiFactory;
    private final ContainerStateProbe probe;
    private final Supplier<DockerEngine> dockerFactory;
    private final Host host;
    private DockerEngine docker;

    public Services(Env env, WeaveApi.Factory apiFactory, ContainerStateProbe probe,
                    Supplier<DockerEngine> dockerFactory, Host host) {
        this.env = env;
        this.apiFactory = apiFactory;
        this.probe = probe;
        this.dockerFactory = dockerFactory;
        this.host = host;
    }

    public static Services system() {
        Env env = Env.system();
        return new Services(env, HttpWeaveApi::new,
                new EngineSocketProbe(env.dockerEndpoint()), () -> engine(env.dockerEndpoint()), new LocalHost());
    }

    /** Raw HTTP on a unix socket; docker-java for {@code tcp://}, with its TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). */
    private static DockerEngine engine(String endpoint) {
        return endpoint.startsWith("unix:///") ? UnixSocketDockerEngine.connect(endpoint)
                : DockerJavaEngine.connect(endpoint);
    }

    public Env env() {
        return env;
    }

    /** The router's API where the environment says it is (WEAVE_HTTP_ADDR, WEAVE_STATUS_ADDR). */
    public ApiClient api() {
        return api(env.httpAddr(), env.statusAddr());
    }

    /** The router's API at other addresses (a launch that moves them). */
    public ApiClient api(String controlAddr, String statusAddr) {
        return new ApiClient(apiFactory.at(controlAddr, statusAddr), probe, env.containerName());
    }

    public ContainerStateProbe probe() {
        return probe;
    }

    public DockerEngine docker() {
        if (docker == null) {
            docker = dockerFactory.get();
        }
        return docker;
    }

    public Host host() {
        return host;
    }
}
