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

/** {@code weave dns-remove [<ip>...] <container> [-h <fqdn>]} or {@code weave dns-remove <ip>... -h <fqdn>}. */
@Command(name = "dns-remove", description = "Remove weaveDNS records of a container (all its names, or only "
        + "-h <fqdn>) or of outside addresses (weave:extern).")
public final class DnsRemove extends WeaveCommand {

    @Parameters(arity = "1..*", paramLabel = "[IP...] [CONTAINER]", description = "Addresses, then the container.")
    List<String> arguments;

    @Option(names = "-h", paramLabel = "FQDN", description = "Remove only this name.")
    String fqdn;

    DnsRemove(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        ApiClient api = services.api();
        DnsTarget target = DnsTarget.resolve(api, arguments, fqdn, false);
        Params params = fqdn == null ? Params.of() : Params.of().add("fqdn", fqdn);
        for (Ipv4 address : target.addresses()) {
            api.call("DELETE", target.recordPath(address), params.map());
        }
    }
}
