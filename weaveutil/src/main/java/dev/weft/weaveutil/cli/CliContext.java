package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.jna.NativeSupport;
import dev.weft.weaveutil.plumbing.NetlinkPlumbing;
import java.io.PrintStream;

/** Output streams and the plumbing, opened on first use so argument errors cost nothing. */
final class CliContext implements AutoCloseable {
    final PrintStream out;
    final PrintStream err;
    private NetlinkPlumbing plumbing;

    CliContext(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    NetlinkPlumbing plumbing() {
        if (plumbing == null) {
            NativeSupport.ensureAvailable();
            plumbing = new NetlinkPlumbing();
        }
        return plumbing;
    }

    @Override
    public void close() {
        if (plumbing != null) {
            plumbing.close();
        }
    }
}
