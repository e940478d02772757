package dev.weft.cli.testing;

import dev.weft.cli.host.Host;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A host with configurable interfaces, routes and program outputs; records what it was asked to run. */
public final class FakeHost implements Host {
    public final Map<String, Ipv4> interfaces = new HashMap<>(Map.of("docker0", Ipv4.parse("172.17.0.1")));
    public final List<Cidr> routes = new ArrayList<>();
    public final Map<String, String> outputs = new HashMap<>();
    public final List<String> commands = new ArrayList<>();
    public int runStatus;
    public int pauses;
    /** The Docker daemon's command line as {@link #dockerDaemonCommandLine()} finds it; empty when none is seen. */
    public Optional<List<String>> dockerd = Optional.of(List.of("dockerd", "-H", "fd://"));
    /** Runs at each pause (e.g. to change what the fake router answers while launch polls). */
    public Runnable onPause = () -> { };

    @Override
    public String hostname() {
        return "host1";
    }

    @Override
    public Optional<Ipv4> interfaceAddress(String name) {
        return Optional.ofNullable(interfaces.get(name));
    }

    @Override
    public List<Cidr> routes(String exceptInterface) {
        return routes;
    }

    @Override
    public Path resolvConf() {
        return Path.of("/run/systemd/resolve/resolv.conf");
    }

    @Override
    public void pause(Duration duration) {
        pauses++;
        onPause.run();
    }

    @Override
    public int run(List<String> command) {
        commands.add(String.join(" ", command));
        return runStatus;
    }

    @Override
    public String output(List<String> command) {
        String line = String.join(" ", command);
        commands.add(line);
        return outputs.getOrDefault(line, "");
    }

    @Override
    public Optional<List<String>> dockerDaemonCommandLine() {
        return dockerd;
    }
}
