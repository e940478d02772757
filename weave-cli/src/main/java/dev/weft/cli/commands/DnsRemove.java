package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.Params;
import dev.weft.cli.model.CommandModel;
import dev.weft.cli.service.DnsTarget;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;

/** {@code weave dns-remove [<ip>...] <container> [-h <fqdn>]} or {@code weave dns-remove <ip>... -h <fqdn>}. */
public final class DnsRemove extends WeaveCommand {

    List<String> arguments;
    String fqdn;

    DnsRemove(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "dns-remove", "Remove weaveDNS records of a container (all its names, or "
                + "only -h <fqdn>) or of outside addresses (weave:extern).")
                .parameters("1..*", "[IP...] [CONTAINER]", "Addresses, then the container.", v -> arguments = v)
                .option("-h", "FQDN", "Remove only this name.", v -> fqdn = v);
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
