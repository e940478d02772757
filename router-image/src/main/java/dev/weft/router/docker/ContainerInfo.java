package dev.weft.router.docker;

/**
 * What the router needs to know about a container. {@code name} has no leading slash; {@code pid}
 * is 0 unless running; {@code networkMode} is as Docker reports it ({@code default}, {@code bridge},
 * {@code host}, {@code none}, {@code container:<id>}, a network name); {@code hostsPath} is the
 * host-side file Docker bind-mounts as the container's /etc/hosts (may be empty).
 */
public record ContainerInfo(String id, String name, long pid, boolean running, boolean restarting,
                            String hostname, String domainname, String networkMode, String hostsPath) {

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    public boolean usesHostNetwork() {
        return "host".equals(networkMode);
    }

    /**
     * {@code hostname.domainname}, or the hostname alone when it is dotted (Docker keeps
     * {@code --hostname a.b.c} whole); null when the container has no domain.
     */
    public String fqdn() {
        if (hostname == null || hostname.isEmpty()) {
            return null;
        }
        if (domainname != null && !domainname.isEmpty()) {
            return hostname + "." + domainname;
        }
        return hostname.indexOf('.') > 0 ? hostname : null;
    }
}
