package dev.weft.router.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import dev.weft.router.api.ContainerLiveness;
import dev.weft.weaveutil.addr.Ipv4;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/** The weaveDNS HTTP routes: {@code /name...}, {@code /domain}, {@code /dns-address}, {@code /dns-address-port}. */
public final class DnsApi implements ApiModule {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DnsTable table;
    private final Supplier<InetSocketAddress> listenAddress;
    private final ContainerLiveness liveness;

    public DnsApi(DnsTable table, Supplier<InetSocketAddress> listenAddress, ContainerLiveness liveness) {
        this.table = table;
        this.listenAddress = listenAddress;
        this.liveness = liveness;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.add("PUT", "/name/{id}/{ip}", this::put);
        routes.add("DELETE", "/name/{id}/{ip}", r -> delete(r, r.pathParam("id"), address(r)));
        routes.add("DELETE", "/name/{id}", r -> delete(r, r.pathParam("id"), null));
        routes.add("DELETE", "/name", r -> delete(r, null, null));
        routes.add("GET", "/name", r -> list());
        routes.add("GET", "/domain", r -> ApiResponse.ok(table.domain().name()));
        routes.add("GET", "/dns-address", r -> ApiResponse.ok(listenAddress.get().getAddress().getHostAddress()));
        routes.add("GET", "/dns-address-port", r -> ApiResponse.ok(
                listenAddress.get().getAddress().getHostAddress() + ":" + listenAddress.get().getPort()));
    }

    private ApiResponse put(ApiRequest request) {
        String containerId = request.pathParam("id");
        Ipv4 address = address(request);
        String fqdn = fqdn(request);
        if (fqdn != null && table.add(fqdn, containerId, address)
                && request.flag("check-alive") && !liveness.isRunning(containerId)) {
            table.delete(fqdn, containerId, address);
        }
        return ApiResponse.noContent();
    }

    private ApiResponse delete(ApiRequest request, String containerId, Ipv4 address) {
        table.delete(fqdn(request), containerId, address);
        return ApiResponse.noContent();
    }

    private ApiResponse list() throws JsonProcessingException {
        return ApiResponse.json(JSON.writeValueAsString(DnsEntries.of(table.records())));
    }

    private static String fqdn(ApiRequest request) {
        String fqdn = request.param("fqdn");
        return fqdn == null || fqdn.isBlank() ? null : fqdn.trim();
    }

    private static Ipv4 address(ApiRequest request) {
        String text = request.pathParam("ip");
        if (!Ipv4.isValid(text)) {
            throw ApiException.badRequest("invalid IP address: " + text);
        }
        return Ipv4.parse(text);
    }
}
