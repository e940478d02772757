package dev.weft.cli.host;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Facts about, and actions on, the machine the CLI runs on; faked in tests. */
public interface Host {

    String hostname();

    /** The first IPv4 address of a network interface, if it exists and has one. */
    Optional<Ipv4> interfaceAddress(String name);

    /** Destinations of the host's IPv4 routes, except the default route and routes via {@code exceptInterface}. */
    List<Cidr> routes(String exceptInterface);

    /** {@code /etc/resolv.conf} with symbolic links resolved. */
    Path resolvConf();

    void pause(Duration duration);

    /** Runs a program with the CLI's own stdin/stdout/stderr and returns its exit status. */
    int run(List<String> command);

    /** Runs a program and returns its stdout; a non-zero exit is returned as empty output. */
    String output(List<String> command);

    /** The command line of the Docker daemon serving this network namespace, if one can be seen. */
    default Optional<List<String>> dockerDaemonCommandLine() {
        return Optional.empty();
    }
}
