package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.router.Router;
import dev.weft.cli.router.RouterApi.Listener;
import dev.weft.cli.router.RouterResponse;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code weave dns-args}: the {@code docker run} flags that make a container use weaveDNS. */
@Command(name = "dns-args", description = "Print the 'docker run' arguments for using weaveDNS "
        + "(nothing when weaveDNS is disabled).")
public final class DnsArgs extends WeaveCommand {

    DnsArgs(Services services) {
        super(services);
    }

    @Override
    protected void execute() {
        Router router = services.router();
        RouterResponse address = router.send(Listener.CONTROL, "GET", "/dns-address", Map.of(), null);
        if (address.status() == 404) {
            return;
        }
        if (!address.ok()) {
            throw WeaveException.error(address.message());
        }
        String dns = address.body().strip();
        String domain = router.get("/domain").strip();
        out().print("--dns=" + dns + " --dns-search=" + domain);
    }
}
