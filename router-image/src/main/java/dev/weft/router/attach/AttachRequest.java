package dev.weft.router.attach;

import dev.weft.router.api.ApiException;
import dev.weft.router.api.ApiRequest;
import java.util.ArrayList;
import java.util.List;

/** The parameters of {@code /weft/attach} and {@code /weft/detach}. */
public record AttachRequest(List<AddrSpec> addrs, boolean withoutDns, boolean rewriteHosts,
                            List<ExtraHost> extraHosts, boolean noMulticastRoute, boolean keepTxOn) {

    public static AttachRequest of(List<AddrSpec> addrs) {
        return new AttachRequest(addrs, false, false, List.of(), false, false);
    }

    /** @throws ApiException 400 naming the first bad parameter */
    public static AttachRequest from(ApiRequest request) {
        try {
            List<AddrSpec> addrs = new ArrayList<>();
            for (String addr : request.params("addr")) {
                addrs.add(AddrSpec.parse(addr));
            }
            List<ExtraHost> hosts = new ArrayList<>();
            for (String host : request.params("add-host")) {
                hosts.add(ExtraHost.parse(host));
            }
            return new AttachRequest(addrs, request.flag("without-dns"), request.flag("rewrite-hosts"), hosts,
                    request.flag("no-multicast-route"), request.flag("keep-tx-on"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
