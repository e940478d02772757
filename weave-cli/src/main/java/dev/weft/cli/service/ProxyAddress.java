package dev.weft.cli.service;

import dev.weft.cli.Env;
import dev.weft.cli.WeaveException;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.api.ApiResponse;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Where the router's Docker API proxy listens, as a client should address it ({@code weave env}/{@code config}). */
public final class ProxyAddress {
    private ProxyAddress() {
    }

    /** The first address of {@code GET /proxyaddrs}, {@code 0.0.0.0} replaced; empty when there is no proxy. */
    public static Optional<String> find(ApiClient api, Env env) {
        ApiResponse response = api.send(Listener.CONTROL, "GET", "/proxyaddrs", Map.of(), null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw WeaveException.error(response.message());
        }
        String first = response.body().strip().split("\n")[0].strip();
        return first.isEmpty() ? Optional.empty() : Optional.of(first.replace("0.0.0.0", proxyHost(env)));
    }

    private static String proxyHost(Env env) {
        String configured = env.get("PROXY_HOST", "");
        if (!configured.isEmpty()) {
            return configured;
        }
        if (env.clientDockerHost().startsWith("tcp://")) {
            String host = URI.create(env.clientDockerHost()).getHost();
            if (host != null) {
                return host;
            }
        }
        return "127.0.0.1";
    }
}
