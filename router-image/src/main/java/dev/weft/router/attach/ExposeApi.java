package dev.weft.router.attach;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import dev.weft.weaveutil.addr.Cidr;

/** {@code POST /expose/{ip}/{len}[?skipNAT=true]} and {@code DELETE /expose/{ip}/{len}}. */
public final class ExposeApi implements ApiModule {
    private final ExposeService expose;

    public ExposeApi(ExposeService expose) {
        this.expose = expose;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.add("POST", "/expose/{ip}/{len}", request -> {
            expose.expose(cidr(request), request.flag("skipNAT"));
            return ApiResponse.noContent();
        });
        routes.add("DELETE", "/expose/{ip}/{len}", request -> {
            expose.hide(cidr(request));
            return ApiResponse.noContent();
        });
    }

    private static Cidr cidr(ApiRequest request) {
        String text = request.pathParam("ip") + "/" + request.pathParam("len");
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
