package dev.weft.router.attach;

import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;

/** The /etc/hosts text weft writes for an attached container: its names, --add-host entries, localhost. */
public final class HostsFileContent {
    private HostsFileContent() {}

    /**
     * @param fqdn the container's {@code hostname.domainname} (a trailing dot is dropped), or just
     *             its hostname when it has no domain
     */
    public static String render(String fqdn, List<Ipv4> ips, List<ExtraHost> extraHosts) {
        String name = fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
        int dot = name.indexOf('.');
        String names = dot > 0 ? name + " " + name.substring(0, dot) : name;
        StringBuilder out = new StringBuilder();
        out.append("# created by Weave - BEGIN\n");
        out.append("# container hostname\n");
        for (Ipv4 ip : ips) {
            out.append(line(ip.toString(), names));
        }
        out.append('\n');
        out.append("# static names added with --add-host\n");
        for (ExtraHost host : extraHosts) {
            out.append(line(host.ip().toString(), host.name()));
        }
        out.append('\n');
        out.append("# default localhost entries\n");
        out.append(line("127.0.0.1", "localhost"));
        out.append(line("::1", "ip6-localhost ip6-loopback"));
        out.append(line("fe00::0", "ip6-localnet"));
        out.append(line("ff00::0", "ip6-mcastprefix"));
        out.append(line("ff02::1", "ip6-allnodes"));
        out.append(line("ff02::2", "ip6-allrouters"));
        out.append("# created by Weave - END\n");
        return out.toString();
    }

    private static String line(String address, String names) {
        return String.format("%-15s %s%n", address, names).replace(System.lineSeparator(), "\n");
    }
}
