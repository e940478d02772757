package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.addr.Cidr;
import java.util.List;

/** {@code bridge-ip <bridge>}: prints the bridge's first IPv4 address. */
final class BridgeIpCommand implements Command {
    @Override
    public String name() {
        return "bridge-ip";
    }

    @Override
    public String usage() {
        return "<bridge>";
    }

    @Override
    public void run(List<String> args, CliContext context) {
        if (args.size() != 1) {
            throw UsageException.of(this);
        }
        List<Cidr> addresses = context.plumbing().bridgeAddresses(args.get(0));
        if (addresses.isEmpty()) {
            throw new CommandFailure("bridge " + args.get(0) + " has no IPv4 address");
        }
        context.out.println(addresses.get(0).address());
    }
}
