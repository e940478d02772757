package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.Params;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.service.DnsTarget;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weave dns-add [<ip>...] <container> [-h <fqdn>]} or {@code weave dns-add <ip>... -h <fqdn>}. */
@Command(name = "dns-add", description = "Add weaveDNS records: for a container (default: its weave addresses "
        + "and hostname.domainname) or, without a container, for outside addresses under weave:extern.")
public final class DnsAdd extends WeaveCommand {

    @Parameters(arity = "1..*", paramLabel = "[IP...] [CONTAINER]", description = "Addresses, then the container.")
    List<String> arguments;

    @Option(names = "-h", paramLabel = "FQDN", description = "The name to register.")
    String fqdn;

    DnsAdd(Services services) {
        super(services);
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
