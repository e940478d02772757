package dev.weft.router.proxy;

import dev.weft.router.attach.AddrSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a container gets a weave address through the proxy, and which (SPEC §9.2 step 1): its
 * network mode must be Docker's default bridge or {@code none}; its {@code WEAVE_CIDR} variable
 * lists {@code <addr>} items ({@code [ip:]<cidr>}, {@code net:<cidr>}, {@code net:default}),
 * {@code none} opts out, empty means the default subnet; without the variable the default subnet
 * is used unless the proxy runs with {@code --no-default-ipalloc}.
 */
public final class WeaveCidr {
    static final String VARIABLE = "WEAVE_CIDR";
    private static final Set<String> ATTACHABLE_MODES = Set.of("", "default", "bridge", "none");

    private WeaveCidr() {}

    /** The outcome: {@code addrs} to attach with, or null with the reason the container is left alone. */
    public record Decision(List<AddrSpec> addrs, String skipReason) {
        static Decision skip(String reason) {
            return new Decision(null, reason);
        }

        public boolean attach() {
            return addrs != null;
        }
    }

    /**
     * @param env the container's {@code Env} entries ({@code NAME=value}); null counts as none
     * @throws ProxyException 400 when {@code WEAVE_CIDR} has an item that is not an address
     */
    public static Decision decide(String networkMode, List<String> env, boolean noDefaultIpalloc) {
        String mode = networkMode == null ? "" : networkMode;
        if (!ATTACHABLE_MODES.contains(mode)) {
            return Decision.skip("network mode " + mode + " is not the default bridge");
        }
        String value = variable(env);
        if (value == null) {
            return noDefaultIpalloc ? Decision.skip("no " + VARIABLE + " and --no-default-ipalloc")
                    : new Decision(List.of(new AddrSpec.DefaultSubnet()), null);
        }
        if (value.strip().equals("none")) {
            return Decision.skip(VARIABLE + "=none");
        }
        List<AddrSpec> addrs = new ArrayList<>();
        for (String item : value.strip().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            try {
                addrs.add(AddrSpec.parse(item));
            } catch (IllegalArgumentException e) {
                throw ProxyException.badRequest(VARIABLE + "=\"" + value + "\": " + e.getMessage());
            }
        }
        return new Decision(addrs.isEmpty() ? List.of(new AddrSpec.DefaultSubnet()) : List.copyOf(addrs), null);
    }

    /** The first {@code WEAVE_CIDR=} entry's value, or null. */
    static String variable(List<String> env) {
        if (env == null) {
            return null;
        }
        for (String entry : env) {
            if (entry != null && entry.startsWith(VARIABLE + "=")) {
                return entry.substring(VARIABLE.length() + 1);
            }
        }
        return null;
    }
}
