package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.api.Params;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.IpamWaitNotice;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;

/** {@code weave attach [<addr>...] [options] <container>}: the router plumbs the container into the network. */
public final class Attach extends WeaveCommand {

    private final AddressedContainer target = new AddressedContainer();
    boolean withoutDns;
    boolean rewriteHosts;
    List<String> addHosts = List.of();
    boolean noMulticastRoute;
    boolean keepTxOn;

    Attach(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "attach", "Attach a running container to the weave network and print its "
                + "addresses.")
                .include(target::declareOn)
                .flag("--without-dns", "Do not register the container's name in weaveDNS.", v -> withoutDns = v)
                .flag("--rewrite-hosts", "Rewrite the container's /etc/hosts for its weave addresses.",
                        v -> rewriteHosts = v)
                .repeatableOption("--add-host", "NAME:IP", "Extra /etc/hosts entry (with --rewrite-hosts).",
                        v -> addHosts = v)
                .flag("--no-multicast-route", "Do not route multicast through ethwe.", v -> noMulticastRoute = v)
                .flag("--keep-tx-on", "Keep TX checksum offload on for the container's interface.", v -> keepTxOn = v);
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
