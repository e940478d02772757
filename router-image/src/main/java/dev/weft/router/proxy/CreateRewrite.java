package dev.weft.router.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's change to a {@code POST /containers/create} body (SPEC §9.2), for containers that
 * qualify ({@link WeaveCidr}): the weavewait volume bound at {@code /w}, the entrypoint prefixed
 * with {@code /w/w} (the image's entrypoint and command filled in when the request has none, since
 * Docker drops the image's command once a request names an entrypoint), and unless DNS is off, the
 * host name from the container's name, weaveDNS as resolver and a search domain. Pure: the image is
 * looked up through {@link ImageConfig.Lookup}.
 */
public final class CreateRewrite {
    public static final String WEAVEWAIT = "/w/w";
    static final String WEAVEWAIT_MOUNT = "/w";
    /** Docker refuses host names longer than this. */
    static final int MAX_HOSTNAME = 64;

    private final String weavewaitVolume;
    private final DnsSettings dns;
    private final HostnameRule hostnames;
    private final boolean noDefaultIpalloc;

    /**
     * @param weavewaitVolume host path of the weavewait build to bind at {@code /w}
     * @param dns             null when containers are left with Docker's DNS settings
     */
    public CreateRewrite(String weavewaitVolume, DnsSettings dns, HostnameRule hostnames, boolean noDefaultIpalloc) {
        this.weavewaitVolume = weavewaitVolume;
        this.dns = dns;
        this.hostnames = hostnames;
        this.noDefaultIpalloc = noDefaultIpalloc;
    }

    /**
     * Edits {@code body} in place.
     *
     * @param name the {@code name} query parameter (null or empty when Docker picks one)
     * @return false when the container does not qualify and the body is left as it was
     * @throws ProxyException 400 for a bad {@code WEAVE_CIDR} or no command; the lookup's error for the image
     */
    public boolean rewrite(ObjectNode body, String name, ImageConfig.Lookup images) {
        ObjectNode hostConfig = body.has("HostConfig") && body.get("HostConfig").isObject()
                ? (ObjectNode) body.get("HostConfig") : null;
        WeaveCidr.Decision decision = WeaveCidr.decide(Json.text(hostConfig, "NetworkMode"), Json.strings(body, "Env"),
                noDefaultIpalloc);
        if (!decision.attach()) {
            return false;
        }
        hostConfig = Json.object(body, "HostConfig");
        bindWeavewait(hostConfig);
        wrapEntrypoint(body, images);
        if (dns != null) {
            setDns(body, hostConfig, hostnames.hostname(name, Json.stringMap(body, "Labels")));
        }
        return true;
    }

    private void bindWeavewait(ObjectNode hostConfig) {
        List<String> binds = new ArrayList<>();
        List<String> existing = Json.strings(hostConfig, "Binds");
        if (existing != null) {
            for (String bind : existing) {
                String[] parts = bind.split(":");
                if (parts.length < 2 || !parts[1].equals(WEAVEWAIT_MOUNT)) {
                    binds.add(bind);
                }
            }
        }
        binds.add(weavewaitVolume + ":" + WEAVEWAIT_MOUNT + ":ro");
        Json.putStrings(hostConfig, "Binds", binds);
    }

    private static void wrapEntrypoint(ObjectNode body, ImageConfig.Lookup images) {
        List<String> entrypoint = Json.strings(body, "Entrypoint");
        List<String> cmd = Json.strings(body, "Cmd");
        if (entrypoint != null && entrypoint.size() == 1 && entrypoint.get(0).isEmpty()) {
            entrypoint = List.of();   // docker run --entrypoint "": none, and not the image's command either
        } else if (entrypoint == null || entrypoint.isEmpty()) {
            ImageConfig image = images.config(Json.text(body, "Image"));
            if (cmd == null || cmd.isEmpty()) {
                cmd = image.cmd();
                Json.putStrings(body, "Cmd", cmd);
            }
            if (entrypoint == null) {
                entrypoint = image.entrypoint();
            }
        }
        if (entrypoint.isEmpty() && (cmd == null || cmd.isEmpty())) {
            throw ProxyException.badRequest("No command specified");
        }
        if (entrypoint.isEmpty() || !entrypoint.get(0).equals(WEAVEWAIT)) {
            List<String> wrapped = new ArrayList<>();
            wrapped.add(WEAVEWAIT);
            wrapped.addAll(entrypoint);
            entrypoint = wrapped;
        }
        Json.putStrings(body, "Entrypoint", entrypoint);
    }

    private void setDns(ObjectNode body, ObjectNode hostConfig, String hostname) {
        String domain = dns.bareDomain();
        boolean named = false;
        if (Json.text(body, "Hostname").isEmpty() && !hostname.isEmpty()
                && hostname.length() + 1 + domain.length() <= MAX_HOSTNAME) {
            body.put("Hostname", hostname);
            body.put("Domainname", domain);
            named = true;
        }
        List<String> servers = new ArrayList<>(orEmpty(Json.strings(hostConfig, "Dns")));
        if (!servers.contains(dns.serverIp())) {
            servers.add(dns.serverIp());
        }
        Json.putStrings(hostConfig, "Dns", servers);
        if (orEmpty(Json.strings(hostConfig, "DnsSearch")).isEmpty()) {
            Json.putStrings(hostConfig, "DnsSearch", List.of(named ? "." : domain));
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
