package dev.weft.weaveutil.cli;

import java.util.List;

/** {@code create-bridge [--mtu=N] [--mac=MAC] <bridge>}: makes sure a Linux bridge exists and is up. */
final class CreateBridgeCommand implements Command {
    @Override
    public String name() {
        return "create-bridge";
    }

    @Override
    public String usage() {
        return "[--mtu=<mtu>] [--mac=<mac>] <bridge>";
    }

    @Override
    public void run(List<String> args, CliContext context) {
        Arguments a = Arguments.parse(args, List.of("mtu", "mac"));
        if (a.positional.size() != 1) {
            throw UsageException.of(this);
        }
        int mtu = a.integer("mtu", 0);
        if (mtu < 0 || mtu > 65535) {
            throw new UsageException("invalid MTU: " + mtu);
        }
        context.plumbing().ensureBridge(a.positional.get(0), mtu, a.flags.get("mac"));
    }
}
