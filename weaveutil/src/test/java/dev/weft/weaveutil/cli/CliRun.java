package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.ns.NetNs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the real command line and captures what a user would see. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = WeaveUtil.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs with {@code ns} as the "host" namespace, as if weaveutil had been started there. */
    static CliRun in(NetNs ns, String... args) throws Exception {
        return ns.call(() -> of(args));
    }
}
