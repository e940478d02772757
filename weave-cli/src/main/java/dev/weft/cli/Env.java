package dev.weft.cli;

import java.util.Map;

/** The environment variables the CLI reads (SPEC §1.2), injectable for tests. */
public record Env(Map<String, String> variables) {

    public static Env system() {
        return new Env(System.getenv());
    }

    /** The variable's value, or {@code fallback} when it is unset (an empty value counts as set). */
    public String get(String name, String fallback) {
        String value = variables.get(name);
        return value == null ? fallback : value;
    }

    public String get(String name) {
        return variables.get(name);
    }

    public String httpAddr() {
        return get("WEAVE_HTTP_ADDR", "127.0.0.1:6784");
    }

    /** The status API's address; empty when the status API is disabled. */
    public String statusAddr() {
        return get("WEAVE_STATUS_ADDR", "127.0.0.1:6782");
    }

    public String containerName() {
        return get("WEAVE_CONTAINER_NAME", "weave");
    }

    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

    public String dockerHost() {
        return get("DOCKER_HOST", "");
    }

    /** Where the engine is: {@code DOCKER_HOST}, or the default unix socket when it is unset or empty. */
    public String dockerEndpoint() {
        String host = dockerHost();
        return host.isEmpty() ? DEFAULT_DOCKER_HOST : host;
    }

    /** The engine address as the user's docker client sees it: {@code DOCKER_CLIENT_HOST}, else {@code DOCKER_HOST}. */
    public String clientDockerHost() {
        return get("DOCKER_CLIENT_HOST", dockerHost());
    }

    /** True when {@code DOCKER_HOST} names an engine reached over TCP (possibly another machine). */
    public boolean remoteEngine() {
        return dockerHost().startsWith("tcp://");
    }
}
