package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.InterfaceInfo;
import java.util.List;

/**
 * {@code container-addrs <bridge> [<id>|weave:expose ...]}: one line per interface attached to the
 * bridge, {@code <id> <if> <mac> <ip/len>...}. Ids whose namespace is gone print nothing.
 */
final class ContainerAddrsCommand implements Command {
    static final String EXPOSE = "weave:expose";

    @Override
    public String name() {
        return "container-addrs";
    }

    @Override
    public String usage() {
        return "<bridge> [<id>|weave:expose ...]";
    }

    @Override
    public void run(List<String> args, CliContext context) {
        if (args.isEmpty()) {
            throw UsageException.of(this);
        }
        String bridge = args.get(0);
        List<String> ids = args.subList(1, args.size());
        for (String text : ids) {
            if (text.equals("weave:allids")) {
                throw new UsageException("weave:allids needs Docker: pass the containers' PIDs instead");
            }
            if (!text.equals(EXPOSE)) {
                NamespaceId.parse(text);
            }
        }
        for (String text : ids) {
            if (text.equals(EXPOSE)) {
                print(context, text, context.plumbing().bridgeInterface(bridge));
                continue;
            }
            NamespaceId id = NamespaceId.parse(text);
            if (!id.exists()) {
                continue;
            }
            try (NetNs ns = id.open()) {
                for (InterfaceInfo info : context.plumbing().interfacesOnBridge(ns, bridge)) {
                    print(context, text, info);
                }
            }
        }
    }

    static void print(CliContext context, String id, InterfaceInfo info) {
        StringBuilder line = new StringBuilder(id).append(' ').append(info.name()).append(' ').append(info.mac());
        for (Cidr cidr : info.addresses()) {
            line.append(' ').append(cidr);
        }
        context.out.println(line);
    }
}
