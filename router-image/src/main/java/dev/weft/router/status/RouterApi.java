package dev.weft.router.status;

import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import java.util.List;

/** The router's own control endpoints: {@code /connect}, {@code /forget} and {@code /proxyaddrs}. */
public final class RouterApi implements ApiModule {

    private final RouterMesh mesh;
    private final ProxyAddresses proxy;

    public RouterApi(RouterMesh mesh, ProxyAddresses proxy) {
        this.mesh = mesh;
        this.proxy = proxy;
    }

    /** Where the Docker API proxy listens, one address per line; none while there is no proxy. */
    @FunctionalInterface
    public interface ProxyAddresses {
        List<String> addresses();

        ProxyAddresses NONE = List::of;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.add("POST", "/connect", this::connect);
        routes.add("POST", "/forget", this::forget);
        routes.add("GET", "/proxyaddrs", r -> ApiResponse.ok(String.join("\n", proxy.addresses())));
    }

    private ApiResponse connect(ApiRequest request) {
        List<String> problems = mesh.connect(request.params("peer"), request.flag("replace"));
        if (!problems.isEmpty()) {
            return ApiResponse.text(400, String.join("\n", problems) + "\n");
        }
        return ApiResponse.ok("");
    }

    private ApiResponse forget(ApiRequest request) {
        mesh.forget(request.params("peer"));
        return ApiResponse.ok("");
    }
}
