package dev.weft.router.attach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import dev.weft.router.docker.ContainerInfo;
import dev.weft.weaveutil.addr.Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * weft's container endpoints: {@code POST /weft/attach/{container}}, {@code POST /weft/detach/{container}},
 * {@code GET /weft/ps} and {@code GET /weft/container/{container}}.
 */
public final class AttachApi implements ApiModule {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AttachService attach;
    private final PsService ps;
    private final ContainerResolver containers;

    public AttachApi(AttachService attach, PsService ps, ContainerResolver containers) {
        this.attach = attach;
        this.ps = ps;
        this.containers = containers;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.add("POST", "/weft/attach/{container}", request -> ApiResponse.ok(
                bare(attach.attach(request.pathParam("container"), AttachRequest.from(request), request.client()))));
        routes.add("POST", "/weft/detach/{container}", request -> ApiResponse.ok(
                bare(attach.detach(request.pathParam("container"), AttachRequest.from(request)))));
        routes.add("GET", "/weft/ps", request -> ApiResponse.ok(ps.ps(request.params("container"))));
        routes.add("GET", "/weft/container/{container}", request -> {
            String ref = request.pathParam("container");
            ContainerInfo c = containers.find(ref).orElseThrow(() -> ApiException.notFound("container " + ref + " not found"));
            return ApiResponse.json(describe(c));
        });
    }

    static String describe(ContainerInfo c) throws JsonProcessingException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", c.id());
        out.put("Name", c.name());
        out.put("Pid", c.pid());
        out.put("Running", c.running());
        out.put("Hostname", c.hostname());
        out.put("Domainname", c.domainname());
        out.put("Fqdn", c.fqdn());
        return JSON.writeValueAsString(out);
    }

    private static String bare(List<Cidr> cidrs) {
        return cidrs.stream().map(c -> c.address().toString()).collect(Collectors.joining(" "));
    }
}
