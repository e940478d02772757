package dev.weft.cli.service;

import dev.weft.cli.WeaveException;
import dev.weft.cli.api.Params;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.api.ApiResponse;
import dev.weft.weaveutil.addr.Cidr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Giving the host addresses on the weave network and taking them back (SPEC §3.5): addresses come
 * from IPAM under the owner {@code weave:expose}, the router puts them on the bridge.
 */
public final class Exposure {
    public static final String OWNER = "weave:expose";

    private final ApiClient api;

    public Exposure(ApiClient api) {
        this.api = api;
    }

    /** Exposes each address (none = one from the default subnet) and returns them. */
    public List<Cidr> expose(List<AddressSpec> specs, boolean skipNat, String fqdn) {
        List<Cidr> exposed = new ArrayList<>();
        for (AddressSpec spec : orDefault(specs)) {
            Cidr cidr = spec.kind() == AddressSpec.Kind.ADDRESS ? claim(spec.cidr()) : allocate(spec);
            api.call("POST", "/expose/" + cidr.address() + "/" + cidr.prefixLength(),
                    Params.of().flag("skipNAT", skipNat).map());
            if (fqdn != null) {
                api.call("PUT", "/name/" + OWNER + "/" + cidr.address(), Params.of().add("fqdn", fqdn).map());
            }
            exposed.add(cidr);
        }
        return exposed;
    }

    /** Hides each address (none = those IPAM gave weave:expose in the default subnet) and returns them. */
    public List<Cidr> hide(List<AddressSpec> specs) {
        List<Cidr> hidden = new ArrayList<>();
        for (AddressSpec spec : orDefault(specs)) {
            boolean fromIpam = spec.kind() != AddressSpec.Kind.ADDRESS;
            for (Cidr cidr : fromIpam ? owned(spec) : List.of(spec.cidr())) {
                ApiResponse response = api.send(Listener.CONTROL, "DELETE",
                        "/expose/" + cidr.address() + "/" + cidr.prefixLength(), Map.of(), null);
                if (!response.ok() && response.status() != 404) {
                    throw WeaveException.error(response.message());
                }
                if (fromIpam) {
                    api.call("DELETE", "/ip/" + OWNER + "/" + cidr.address(), Map.of());
                }
                if (response.ok()) {
                    hidden.add(cidr);
                }
            }
        }
        return hidden;
    }

    private static List<AddressSpec> orDefault(List<AddressSpec> specs) {
        return specs.isEmpty() ? List.of(AddressSpec.parse("net:default")) : specs;
    }

    private Cidr claim(Cidr cidr) {
        ApiResponse response = api.send(Listener.CONTROL, "PUT", "/ip/" + OWNER + "/" + cidr, Map.of(), null);
        if (!response.ok() && response.status() != 404) {   // 404: IPAM disabled, the address is simply used
            throw WeaveException.error(response.message());
        }
        return cidr;
    }

    private Cidr allocate(AddressSpec spec) {
        ApiResponse response = api.send(Listener.CONTROL, "POST", "/ip/" + OWNER + spec.subnetPath(),
                Map.of(), null);
        if (response.status() == 404) {
            throw WeaveException.error("IP address allocation must be enabled to use 'net:'");
        }
        if (!response.ok()) {
            throw WeaveException.error(response.message());
        }
        return Cidr.parse(response.body().strip());
    }

    private List<Cidr> owned(AddressSpec spec) {
        ApiResponse response = api.send(Listener.CONTROL, "GET", "/ip/" + OWNER + spec.subnetPath(),
                Map.of(), null);
        if (response.status() == 404) {
            throw WeaveException.error("IP address allocation must be enabled to use 'net:'");
        }
        if (!response.ok()) {
            throw WeaveException.error(response.message());
        }
        return Arrays.stream(response.body().strip().split("\\s+")).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }
}
