package dev.weft.weaveutil.cli;

import java.util.List;

/** {@code detect-bridge-type <bridge> [<datapath>]}: prints {@code none} or {@code bridge}. */
final class DetectBridgeTypeCommand implements Command {
    @Override
    public String name() {
        return "detect-bridge-type";
    }

    @Override
    public String usage() {
        return "<bridge> [<datapath>]";
    }

    @Override
    public void run(List<String> args, CliContext context) {
        if (args.isEmpty() || args.size() > 2) {
            throw UsageException.of(this);
        }
        // weft has no Open vSwitch datapath (ARCHITECTURE.md), so a datapath name is accepted and ignored.
        context.out.println(context.plumbing().bridgeType(args.get(0)));
    }
}
