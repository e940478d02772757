package dev.weft.cli.testing;

import dev.weft.cli.Env;
import dev.weft.cli.Services;
import dev.weft.cli.Weave;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code weave} through the real parser against fakes, capturing status, stdout and stderr. */
public final class Cli {
    public final FakeWeaveApi api = new FakeWeaveApi();
    public final FakeProbe probe = new FakeProbe();
    public final FakeDockerEngine docker = new FakeDockerEngine();
    public final FakeHost host = new FakeHost();
    public final Map<String, String> env = new HashMap<>();
    /** The addresses each API client was opened at, {@code "<control> <status>"}. */
    public final List<String> apiAddresses = new ArrayList<>();

    /** What one run produced. */
    public record Result(int status, String out, String err) {
    }

    public Services services() {
        return new Services(new Env(env), (control, status) -> {
            apiAddresses.add(control + " " + status);
            return api;
        }, probe, () -> docker, host);
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Weave.run(services(), new PrintWriter(out), new PrintWriter(err), args);
        return new Result(status, out.toString(), err.toString());
    }
}
