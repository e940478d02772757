package dev.weft.router.ipam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiModule;
import dev.weft.router.api.ApiRequest;
import dev.weft.router.api.ApiResponse;
import dev.weft.router.api.ApiRoutes;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * IPAM's HTTP routes (SPEC §4). Allocations and claims may block the calling thread until answered;
 * a client that disconnects meanwhile cancels its request.
 */
public final class IpamApi implements ApiModule {
    static final String CANCELLED = "cancelled";
    /** weft's own: what the oldest waiting allocation waits for, one line (empty when nothing waits). */
    public static final String WAITING_PATH = "/weft/ipam/waiting";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ipam ipam;
    private final String tracker;

    /** {@code tracker} is what {@code /ipinfo/tracker} reports: {@code awsvpc}, {@code no-masq-local} or empty. */
    public IpamApi(Ipam ipam, String tracker) {
        this.ipam = ipam;
        this.tracker = tracker == null ? "" : tracker;
    }

    public IpamApi(Ipam ipam) {
        this(ipam, "");
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.add("POST", "/ip/{id}", r -> allocate(r, ipam.config().defaultSubnet()));
        routes.add("POST", "/ip/{id}/{ip}/{len}", r -> allocate(r, subnet(r)));
        routes.add("PUT", "/ip/{id}/{ip}/{len}", this::claim);
        routes.add("GET", "/ip/{id}", r -> lookup(r, ipam.config().defaultSubnet()));
        routes.add("GET", "/ip/{id}/{ip}/{len}", r -> lookup(r, subnet(r)));
        routes.add("GET", "/ip", r -> allOwned());
        routes.add("DELETE", "/ip/{id}/{ip}", this::free);
        routes.add("DELETE", "/ip/{id}", this::delete);
        routes.add("GET", "/ring", this::ring);
        routes.add("GET", "/ipinfo/defaultsubnet", r -> ApiResponse.ok(ipam.config().defaultSubnet() + "\n"));
        routes.add("GET", "/ipinfo/tracker", r -> ApiResponse.ok(tracker + "\n"));
        routes.add("DELETE", "/peer", r -> handOver());
        routes.add("DELETE", "/peer/{name}", this::takeOver);
        routes.add("GET", WAITING_PATH, r -> waiting());
    }

    private ApiResponse allocate(ApiRequest r, Cidr subnet) {
        try {
            Cidr cidr = awaitUnlessGone(r, ipam.allocate(r.pathParam("id"), subnet, r.flag("check-alive")));
            return ApiResponse.ok(cidr.toString());
        } catch (RequestCancelledException e) {
            return ApiResponse.ok(CANCELLED);
        } catch (IpamException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private ApiResponse claim(ApiRequest r) {
        Cidr cidr = cidr(r);
        try {
            awaitUnlessGone(r, ipam.claim(r.pathParam("id"), cidr, r.flag("check-alive"), r.flag("noErrorOnUnknown")));
            return ApiResponse.noContent();
        } catch (RequestCancelledException e) {
            return ApiResponse.ok(CANCELLED);
        } catch (IpamException e) {
            throw ApiException.badRequest("Unable to claim: " + e.getMessage());
        }
    }

    private ApiResponse lookup(ApiRequest r, Cidr subnet) {
        return ApiResponse.ok(ipam.lookup(r.pathParam("id"), subnet).stream().map(Cidr::toString)
                .collect(Collectors.joining(" ")));
    }

    private ApiResponse allOwned() throws JsonProcessingException {
        List<Map<String, Object>> owned = new ArrayList<>();
        ipam.owners().forEach((id, owner) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("containerid", id);
            entry.put("addrs", owner.cidrs().stream().map(Cidr::toString).toList());
            owned.add(entry);
        });
        return ApiResponse.json(JSON.writeValueAsString(Map.of("owned", owned)));
    }

    private ApiResponse free(ApiRequest r) {
        Ipv4 address;
        try {
            address = Ipv4.parse(r.pathParam("ip"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            ipam.free(r.pathParam("id"), address);
        } catch (IpamException e) {
            throw ApiException.badRequest("Unable to free: " + e.getMessage());
        }
        return ApiResponse.noContent();
    }

    private ApiResponse delete(ApiRequest r) {
        try {
            ipam.delete(r.pathParam("id"));
        } catch (IpamException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return ApiResponse.noContent();
    }

    private static <T> T awaitUnlessGone(ApiRequest r, IpamRequest<T> request) {
        r.onClientGone(request::cancel);
        return request.await();
    }

    private ApiResponse ring(ApiRequest r) {
        try {
            awaitUnlessGone(r, ipam.awaitRing());
            return ApiResponse.ok("");
        } catch (RequestCancelledException e) {
            return ApiResponse.ok(CANCELLED);
        }
    }

    private ApiResponse waiting() {
        String reason = ipam.waitReason();
        return ApiResponse.ok(reason.isEmpty() ? "" : reason + "\n");
    }

    private ApiResponse handOver() {
        ipam.handOver();
        return ApiResponse.noContent();
    }

    private ApiResponse takeOver(ApiRequest r) {
        String name = r.pathParam("name");
        try {
            return ApiResponse.ok(ipam.takeOver(name) + " IPs taken over from " + name + "\n");
        } catch (IpamException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The subnet named by the {ip}/{len} path parameters: host bits zero, at least 4 addresses. */
    private static Cidr subnet(ApiRequest r) {
        Cidr cidr = cidr(r);
        if (!cidr.isNetwork()) {
            throw ApiException.badRequest("invalid subnet - bits after network prefix are not all zero: " + cidr);
        }
        if (cidr.size() < IpamConfig.MIN_RANGE_SIZE) {
            throw ApiException.badRequest("invalid subnet - smaller than minimum size " + IpamConfig.MIN_RANGE_SIZE
                    + ": " + cidr);
        }
        return cidr;
    }

    private static Cidr cidr(ApiRequest r) {
        try {
            return Cidr.parse(r.pathParam("ip") + "/" + r.pathParam("len"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
