package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.ApiResponse;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.model.CommandModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code weave dns-args}: the {@code docker run} flags that make a container use weaveDNS. Scripts
 * run {@code docker run $(weave dns-args "$@") "$@" image}, so whatever follows is accepted and ignored.
 */
public final class DnsArgs extends WeaveCommand {

    List<String> ignoredArguments = new ArrayList<>();

    DnsArgs(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "dns-args", "Print the 'docker run' arguments for using weaveDNS (nothing "
                + "when weaveDNS is disabled). Arguments after it (e.g. the 'docker run' arguments) are ignored.")
                .unmatched(ignoredArguments);
    }

    @Override
    protected void execute() {
        ApiClient api = services.api();
        ApiResponse address = api.send(Listener.CONTROL, "GET", "/dns-address", Map.of(), null);
        if (address.status() == 404) {
            return;
        }
        if (!address.ok()) {
            throw WeaveException.error(address.message());
        }
        String dns = address.body().strip();
        String domain = api.get("/domain").strip();
        out().print("--dns=" + dns + " --dns-search=" + domain);
    }
}
