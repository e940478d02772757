package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code netcheck <cidr> [<ignore-if>...]}: fails if the CIDR overlaps a host route. */
final class NetcheckCommand implements Command {
    @Override
    public String name() {
        return "netcheck";
    }

    @Override
    public String usage() {
        return "<cidr> [<ignore-if>...]";
    }

    @Override
    public void run(List<String> args, CliContext context) {
        if (args.isEmpty()) {
            throw UsageException.of(this);
        }
        Cidr cidr = Cidr.parse(args.get(0));
        if (!cidr.isNetwork()) {
            cidr = cidr.withPrefix(32); // host bits set: check the single address
        }
        Optional<Cidr> route = context.plumbing().overlappingHostRoute(cidr, Set.copyOf(args.subList(1, args.size())));
        if (route.isPresent()) {
            throw new CommandFailure("network " + cidr + " overlaps with existing route " + route.get() + " on host");
        }
    }
}
