package dev.weft.router.dns;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

/** The weave domain (e.g. {@code weave.local.}) and the name rules that depend on it. */
public final class DnsDomain {
    private final String domain;
    private final String dotDomain;
    private final Name dnsName;

    public DnsDomain(String domain) {
        String fqdn = fqdn(domain.trim()).toLowerCase(Locale.ROOT);
        if (fqdn.equals(".") || fqdn.startsWith(".") || fqdn.contains("..")) {
            throw new IllegalArgumentException("invalid DNS domain: " + domain);
        }
        this.domain = fqdn;
        this.dotDomain = "." + fqdn;
        try {
            this.dnsName = Name.fromString(fqdn);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("invalid DNS domain: " + domain, e);
        }
    }

    /** The domain as a dnsjava name. */
    public Name dnsName() {
        return dnsName;
    }

    /** A single-label query name ({@code foo.}) means {@code foo.<domain>}. */
    public Name qualify(Name name) {
        if (name.labels() != 2) {
            return name;
        }
        try {
            return Name.concatenate(name.relativize(Name.root), dnsName);
        } catch (NameTooLongException e) {
            return name;
        }
    }

    /** {@link #contains(String)} for a dnsjava name. */
    public boolean contains(Name name) {
        return name.subdomain(dnsName);
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
