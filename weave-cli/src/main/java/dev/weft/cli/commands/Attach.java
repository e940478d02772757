package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.api.Params;
import dev.weft.cli.service.IpamWaitNotice;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/** {@code weave attach [<addr>...] [options] <container>}: the router plumbs the container into the network. */
@Command(name = "attach", description = "Attach a running container to the weave network and print its addresses.")
public final class Attach extends WeaveCommand {

    @Mixin
    AddressedContainer target;

    @Option(names = "--without-dns", description = "Do not register the container's name in weaveDNS.")
    boolean withoutDns;

    @Option(names = "--rewrite-hosts", description = "Rewrite the container's /etc/hosts for its weave addresses.")
    boolean rewriteHosts;

    @Option(names = "--add-host", paramLabel = "NAME:IP", description = "Extra /etc/hosts entry (with --rewrite-hosts).")
    List<String> addHosts = List.of();

    @Option(names = "--no-multicast-route", description = "Do not route multicast through ethwe.")
    boolean noMulticastRoute;

    @Option(names = "--keep-tx-on", description = "Keep TX checksum offload on for the container's interface.")
    boolean keepTxOn;

    Attach(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        addHosts.forEach(Attach::checkExtraHost);
        Params params = Params.of().addAll("addr", target.addresses())
                .flag("without-dns", withoutDns).flag("rewrite-hosts", rewriteHosts)
                .addAll("add-host", addHosts)
                .flag("no-multicast-route", noMulticastRoute).flag("keep-tx-on", keepTxOn);
        String attached;
        try (IpamWaitNotice notice = IpamWaitNotice.start(services.api(), err())) {
            attached = services.api().call("POST", "/weft/attach/" + target.container(), params.map());
        }
        printNonEmpty(attached);
    }

    private static void checkExtraHost(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || !Ipv4.isValid(entry.substring(colon + 1))) {
            throw WeaveException.error("invalid --add-host '" + entry + "': expected <name>:<ip>");
        }
    }
}
