package dev.weft.router.dns;

import java.util.Locale;

/** The weave domain (e.g. {@code weave.local.}) and the name rules that depend on it. */
public final class DnsDomain {
    private final String domain;
    private final String dotDomain;

    public DnsDomain(String domain) {
        String fqdn = fqdn(domain.trim()).toLowerCase(Locale.ROOT);
        if (fqdn.equals(".") || fqdn.startsWith(".") || fqdn.contains("..")) {
            throw new IllegalArgumentException("invalid DNS domain: " + domain);
        }
        this.domain = fqdn;
        this.dotDomain = "." + fqdn;
    }

    /** The domain with its trailing dot, lower case. */
    public String name() {
        return domain;
    }

    public static String fqdn(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    /** True for the domain itself and any name below it (compared without regard to case). */
    public boolean contains(String fqdn) {
        String lower = fqdn.toLowerCase(Locale.ROOT);
        return lower.equals(domain) || lower.endsWith(dotDomain);
    }

    /** A single-label query name ({@code foo.}) means {@code foo.<domain>}. */
    public String qualify(String fqdn) {
        int firstDot = fqdn.indexOf('.');
        return firstDot == fqdn.length() - 1 ? fqdn + domain : fqdn;
    }

    /** The name as {@code /status/dns} shows it: without {@code .<domain>}. */
    public String shorten(String fqdn) {
        return fqdn.toLowerCase(Locale.ROOT).endsWith(dotDomain)
                ? fqdn.substring(0, fqdn.length() - dotDomain.length())
                : fqdn;
    }

    @Override
    public String toString() {
        return domain;
    }
}
