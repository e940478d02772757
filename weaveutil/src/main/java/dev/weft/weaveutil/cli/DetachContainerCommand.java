package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.ns.NetNs;
import java.util.List;

/** {@code detach-container <id> <cidr>...} (SPEC §3.4); a container that is gone has nothing to detach. */
final class DetachContainerCommand implements Command {
    @Override
    public String name() {
        return "detach-container";
    }

    @Override
    public String usage() {
        return "<id> <cidr>...";
    }

    @Override
    public void run(List<String> args, CliContext context) {
        if (args.size() < 2) {
            throw UsageException.of(this);
        }
        NamespaceId id = NamespaceId.parse(args.get(0));
        List<Cidr> cidrs = Arguments.cidrs(args.subList(1, args.size()));
        if (!id.exists()) {
            return;
        }
        try (NetNs ns = id.open()) {
            context.plumbing().detach(ns, cidrs);
        }
    }
}
