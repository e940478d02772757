package dev.weft.cli;

import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.engine.DockerEngine;
import dev.weft.cli.engine.RunOptions;
import dev.weft.cli.service.DockerRunArgs;
import dev.weft.cli.service.Images;
import java.io.OutputStream;
import dev.weft.cli.http.UnixSocketHttp;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * When {@code DOCKER_HOST} names a TCP engine, commands that need that host's namespaces or its
 * router's loopback API run as {@code weave --local <args>} inside the exec image on that engine
 * (privileged, host network and pid, plus {@code WEAVEEXEC_DOCKER_ARGS}), streaming its output and
 * returning its exit status. Arguments are parsed here first, so usage errors are reported without
 * contacting the engine.
 */
final class RemoteExecution implements CommandLine.IExecutionStrategy {
    private static final Set<String> ALWAYS_LOCAL = Set.of("help", "setup");
    /** Variables the command inside the exec container should see (SPEC §1.2, DOCKER_HOST excluded). */
    private static final List<String> FORWARDED = List.of("WEAVE_DEBUG", "WEAVE_PASSWORD", "WEAVE_PORT",
            "WEAVE_HTTP_ADDR", "WEAVE_STATUS_ADDR", "WEAVE_CONTAINER_NAME", "WEAVE_MTU", "WEAVE_NO_FASTDP",
            "WEAVE_NO_BRIDGED_FASTDP", "WEAVE_DOCKER_ARGS", "DOCKER_BRIDGE", "PROXY_HOST", "ORIG_DOCKER_HOST");

    private final Services services;
    private final CommandLine.IExecutionStrategy local;

    RemoteExecution(Services services, CommandLine.IExecutionStrategy local) {
        this.services = services;
        this.local = local;
    }

    @Override
    public int execute(ParseResult parseResult) {
        if (!services.env().remoteEngine() || runsHere(parseResult)) {
            return local.execute(parseResult);
        }
        CommandLine commandLine = parseResult.commandSpec().commandLine();
        try {
            return runRemotely(parseResult.originalArgs(), commandLine.getOut(), commandLine.getErr());
        } catch (RuntimeException e) {
            throw new CommandLine.ExecutionException(commandLine, e.getMessage(), e);
        }
    }

    private static boolean runsHere(ParseResult parseResult) {
        if (parseResult.hasMatchedOption("--local") || parseResult.isUsageHelpRequested()) {
            return true;
        }
        ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            if (leaf.hasMatchedOption("--local") || leaf.isUsageHelpRequested()) {
                return true;
            }
        }
        String name = leaf.commandSpec().name();
        return leaf == parseResult || ALWAYS_LOCAL.contains(name)
                || name.equals("env") && leaf.hasMatchedOption("--restore");
    }

    private int runRemotely(List<String> args, PrintWriter out, PrintWriter err) {
        RunOptions runOptions = DockerRunArgs.from(services.env(), "WEAVEEXEC_DOCKER_ARGS");
        DockerEngine docker = services.docker();
        if (!docker.imageExists(Images.EXEC)) {
            throw WeaveException.error("image " + Images.EXEC + " is missing on the engine at "
                    + services.env().dockerHost() + "; build weft's images there with 'weave setup'");
        }
        List<String> command = new ArrayList<>(List.of("--local"));
        command.addAll(args);
        List<String> environment = new ArrayList<>();
        for (String name : FORWARDED) {
            String value = services.env().get(name);
            if (value != null) {
                environment.add(name + "=" + value);
            }
        }
        // inside, DOCKER_HOST is the bind-mounted socket; env and config still need the user's view
        environment.add("DOCKER_CLIENT_HOST=" + services.env().clientDockerHost());
        ContainerSpec spec = new ContainerSpec(null, Images.EXEC, List.of(), command, environment,
                binds(), List.of(), List.of(), Map.of(), true, true,
                null, false, runOptions);
        return docker.run(spec, writerStream(out), writerStream(err));
    }

    /** The engine's socket, and the directory of each router API socket so the command inside reaches it. */
    private List<String> binds() {
        Set<String> binds = new LinkedHashSet<>(List.of("/var/run/docker.sock:/var/run/docker.sock"));
        for (String address : List.of(services.env().httpAddr(), services.env().statusAddr())) {
            Path socket = UnixSocketHttp.socketPath(address);
            if (socket != null && socket.getParent() != null) {
                binds.add(socket.getParent() + ":" + socket.getParent());
            }
        }
        return new ArrayList<>(binds);
    }

    private static OutputStream writerStream(PrintWriter writer) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writer.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                writer.flush();
            }
        };
    }
}
