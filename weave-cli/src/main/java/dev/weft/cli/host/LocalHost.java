package dev.weft.cli.host;

import dev.weft.cli.WeaveException;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** {@link Host} for the real machine: JDK network APIs, {@code /proc/net/route}, child processes. */
public final class LocalHost implements Host {
    private final Path procNetRoute;

    public LocalHost() {
        this(Path.of("/proc/net/route"));
    }

    LocalHost(Path procNetRoute) {
        this.procNetRoute = procNetRoute;
    }

    /** The kernel's host name for this UTS namespace, as {@code hostname} prints it; no DNS look-up. */
    @Override
    public String hostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public Optional<Ipv4> interfaceAddress(String name) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                return Optional.empty();
            }
            return Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                    .map(a -> Ipv4.fromBytes(a.getAddress())).findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Cidr> routes(String exceptInterface) {
        try {
            return parseRoutes(Files.readAllLines(procNetRoute), exceptInterface);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code /proc/net/route}: hex addresses in host (little-endian) byte order. */
    static List<Cidr> parseRoutes(List<String> lines, String exceptInterface) {
        List<Cidr> routes = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8 || fields[0].equals(exceptInterface)) {
                continue;
            }
            int destination = Integer.reverseBytes(Integer.parseUnsignedInt(fields[1], 16));
            int mask = Integer.reverseBytes(Integer.parseUnsignedInt(fields[7], 16));
            int prefix = Integer.bitCount(mask);
            if (prefix > 0) {
                routes.add(new Cidr(new Ipv4(destination), prefix));
            }
        }
        return routes;
    }

    @Override
    public Path resolvConf() {
        try {
            return Path.of("/etc/resolv.conf").toRealPath();
        } catch (IOException e) {
            throw WeaveException.error("cannot read /etc/resolv.conf: " + e.getMessage());
        }
    }

    @Override
    public void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WeaveException.error("interrupted");
        }
    }

    @Override
    public int run(List<String> command) {
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw WeaveException.error("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WeaveException.error("interrupted while running " + command.get(0));
        }
    }

    @Override
    public String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WeaveException.error("interrupted while running " + command.get(0));
        }
    }

    /** Finds {@code dockerd} among the processes (the CLI sees the host's) that share our network namespace. */
    @Override
    public Optional<List<String>> dockerDaemonCommandLine() {
        Path proc = Path.of("/proc");
        String ourNet;
        try {
            ourNet = Files.readSymbolicLink(proc.resolve("self/ns/net")).toString();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (var pids = Files.list(proc)) {
            for (Path p : (Iterable<Path>) pids::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (!Files.readString(p.resolve("comm")).strip().equals("dockerd")
                            || !Files.readSymbolicLink(p.resolve("ns/net")).toString().equals(ourNet)) {
                        continue;
                    }
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    return Optional.of(List.of(cmdline.split("\0")));
                } catch (IOException e) {
                    // the process ended, or is not ours to look at
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
