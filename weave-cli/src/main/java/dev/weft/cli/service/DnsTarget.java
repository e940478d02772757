package dev.weft.cli.service;

import dev.weft.cli.ExitCode;
import dev.weft.cli.WeaveException;
import dev.weft.cli.api.Params;
import dev.weft.cli.api.ApiClient;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code dns-add}/{@code dns-remove} act on: the owner id (a container's full id, or
 * {@code weave:extern}), its addresses and, when known, the name.
 */
public record DnsTarget(String owner, boolean container, List<Ipv4> addresses, String fqdn) {
    public static final String EXTERN = "weave:extern";

    /**
     * Resolves {@code [<ip>...] [<container>]} plus an optional {@code -h <fqdn>}.
     *
     * @param needName whether a name must be found (dns-add) or may stay null (dns-remove)
     */
    public static DnsTarget resolve(ApiClient api, List<String> arguments, String fqdn, boolean needName) {
        List<Ipv4> addresses = new ArrayList<>();
        int next = 0;
        while (next < arguments.size() && Ipv4.isValid(arguments.get(next))) {
            addresses.add(Ipv4.parse(arguments.get(next++)));
        }
        List<String> rest = arguments.subList(next, arguments.size());
        if (rest.size() > 1) {
            throw WeaveException.error("invalid arguments '" + String.join(" ", rest)
                    + "': expected [<ip>...] [<container>] [-h <fqdn>]");
        }
        if (rest.isEmpty()) {
            if (addresses.isEmpty() || fqdn == null) {
                throw WeaveException.error("give a container, or IP addresses and -h <fqdn>");
            }
            return new DnsTarget(EXTERN, false, addresses, fqdn);
        }
        ContainerInfo info = ContainerInfo.lookUp(api, rest.get(0));
        if (!info.running()) {
            throw new WeaveException(ExitCode.NOT_RUNNING, "container " + rest.get(0) + " is not running");
        }
        if (addresses.isEmpty()) {
            addresses = weaveAddresses(api, info.id());
            if (addresses.isEmpty()) {
                throw WeaveException.error("container " + rest.get(0) + " has no weave addresses");
            }
        }
        String name = fqdn != null ? fqdn : info.fqdn();
        if (name == null && needName) {
            throw WeaveException.error("container " + rest.get(0) + " has no domain name; give one with -h <fqdn>");
        }
        return new DnsTarget(info.id(), true, addresses, name);
    }

    /** The router's path of the record of {@code address} for this owner: {@code /name/<owner>/<ip>}. */
    public String recordPath(Ipv4 address) {
        return "/name/" + owner + "/" + address;
    }

    /** The addresses {@code weave ps} shows for the container. */
    private static List<Ipv4> weaveAddresses(ApiClient api, String id) {
        List<Ipv4> addresses = new ArrayList<>();
        for (String line : api.call("GET", "/weft/ps", Params.of().add("container", id).map()).split("\n")) {
            String[] fields = line.strip().split("\\s+");
            for (int i = 2; i < fields.length; i++) {
                addresses.add(Cidr.parse(fields[i]).address());
            }
        }
        return addresses;
    }
}
