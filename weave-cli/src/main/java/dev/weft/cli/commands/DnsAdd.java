package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.Params;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.DnsTarget;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;

/** {@code weave dns-add [<ip>...] <container> [-h <fqdn>]} or {@code weave dns-add <ip>... -h <fqdn>}. */
public final class DnsAdd extends WeaveCommand {

    List<String> arguments;
    String fqdn;

    DnsAdd(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "dns-add", "Add weaveDNS records: for a container (default: its weave "
                + "addresses and hostname.domainname) or, without a container, for outside addresses under "
                + "weave:extern.")
                .parameters("1..*", "[IP...] [CONTAINER]", "Addresses, then the container.", v -> arguments = v)
                .option("-h", "FQDN", "The name to register.", v -> fqdn = v);
    }

    @Override
    protected void execute() {
        ApiClient api = services.api();
        DnsTarget target = DnsTarget.resolve(api, arguments, fqdn, true);
        for (Ipv4 address : target.addresses()) {
            api.call("PUT", target.recordPath(address),
                    Params.of().add("fqdn", target.fqdn()).flag("check-alive", target.container()).map());
        }
    }
}
