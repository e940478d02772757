package dev.weft.cli.commands;

import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.model.CommandModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** {@code weave dns-lookup <name>}: asks weaveDNS itself, at the address the router reports. */
public final class DnsLookup extends WeaveCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    String name;

    DnsLookup(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "dns-lookup", "Look a name up in weaveDNS and print its addresses, one "
                + "per line.")
                .parameter("NAME", "A name such as 'web' or 'web.weave.local'.", v -> name = v);
    }

    @Override
    protected void execute() {
        Name query = parseName(name);
        InetSocketAddress server = serverAddress(services.api().get("/dns-address-port").strip());
        try {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(TIMEOUT);
            Message answer = resolver.send(Message.newQuery(Record.newRecord(query, Type.A, DClass.IN)));
            for (Record record : answer.getSection(Section.ANSWER)) {
                if (record instanceof ARecord a) {
                    out().println(a.getAddress().getHostAddress());
                }
            }
        } catch (IOException e) {
            throw WeaveException.error("weaveDNS at " + server.getHostString() + ":" + server.getPort()
                    + " did not answer: " + e.getMessage());
        }
    }

    private static Name parseName(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw WeaveException.error("invalid name '" + text + "': " + e.getMessage());
        }
    }

    static InetSocketAddress serverAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw WeaveException.error("the router reported an unusable DNS address '" + hostPort + "'");
        }
    }
}
