package dev.weft.router.proxy;

/**
 * weaveDNS as containers created through the proxy use it.
 *
 * @param serverIp the address weaveDNS answers on (the Docker bridge's), e.g. {@code 172.17.0.1}
 * @param domain   the DNS domain, with or without its trailing dot
 */
public record DnsSettings(String serverIp, String domain) {

    /** The domain without its trailing dot, as Docker's {@code Domainname} takes it. */
    public String bareDomain() {
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
