package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.AttachOptions;
import java.util.List;

/**
 * {@code attach-container [--no-multicast-route] [--keep-tx-on] [--hairpin-mode=false] <id> <bridge> <cidr>...}
 * (SPEC §3.3 step 4).
 */
final class AttachContainerCommand implements Command {
    @Override
    public String name() {
        return "attach-container";
    }

    @Override
    public String usage() {
        return "[--no-multicast-route] [--keep-tx-on] [--hairpin-mode=false] <id> <bridge> <cidr>...";
    }

    @Override
    public void run(List<String> args, CliContext context) {
        Arguments a = Arguments.parse(args, List.of("no-multicast-route", "keep-tx-on", "hairpin-mode"));
        if (a.positional.size() < 3) {
            throw UsageException.of(this);
        }
        NamespaceId id = NamespaceId.parse(a.positional.get(0));
        String bridge = a.positional.get(1);
        List<Cidr> cidrs = Arguments.cidrs(a.positional.subList(2, a.positional.size()));
        AttachOptions options = AttachOptions.defaults()
                .withMulticastRoute(!a.bool("no-multicast-route", false))
                .withKeepTxOn(a.bool("keep-tx-on", false))
                .withHairpin(a.bool("hairpin-mode", true));
        try (NetNs ns = id.open()) {
            context.plumbing().attach(ns, id.vethId(ns), bridge, cidrs, options);
        }
    }
}
