package dev.weft.cli;

import dev.weft.cli.host.LocalHost;
import dev.weft.cli.api.ApiResponse;
import dev.weft.cli.api.HttpWeaveApi;
import dev.weft.cli.api.WeaveApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training run of the CLI's class data archive (AppCDS), made at install and image build time with
 * {@code java -XX:ArchiveClassesAtExit=weave.jsa -cp weave-cli.jar dev.weft.cli.ArchiveTraining}: the
 * archive holds the classes this run loads, so it runs the everyday commands' success and error paths in
 * one JVM. The router's answers are canned (read by the real HTTP response parser); the one real request
 * goes to 127.0.0.1:1, where nobody listens, so nothing leaves the process but a refused connection.
 */
public final class ArchiveTraining {
    static final List<List<String>> COMMANDS = List.of(
            List.of("status"), List.of("status", "ipam"), List.of("ps"), List.of("attach", "c1"),
            List.of("attach", "10.2.1.1/24", "c1"), List.of("detach", "c1"), List.of("expose"), List.of("hide"),
            List.of("dns-add", "10.2.1.1", "c1", "-h", "c1.weave.local"), List.of("dns-remove", "c1"),
            List.of("dns-args"), List.of("version"), List.of("attach", "--no-such-option"));

    private ArchiveTraining() {
    }

    public static void main(String[] args) {
        Weave.skipPicocliLookups();
        Services.system();   // what every run builds first (environment, the engine probe), used by nothing here
        Env env = new Env(Map.of("WEAVE_HTTP_ADDR", "127.0.0.1:1", "WEAVE_STATUS_ADDR", "127.0.0.1:1"));
        WeaveApi canned = (listener, method, path, params, accept) -> {
            ApiResponse parsed;
            try {
                parsed = HttpWeaveApi.parse("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n16\r\n        Status: ready\n\r\n0\r\n\r\n");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return path.startsWith("/status") ? parsed : new ApiResponse(200, "10.32.0.1\n");
        };
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (List<String> command : COMMANDS) {
            Weave.run(services(env, (control, status) -> canned), sink, sink, command.toArray(String[]::new));
        }
        Weave.run(services(env, HttpWeaveApi::new), sink, sink, "status");
        try {
            EngineTraining.run();
        } catch (IOException | RuntimeException e) {
            System.err.println("archive training: the engine client's classes are left out: " + e);
        }
    }

    private static Services services(Env env, WeaveApi.Factory api) {
        return new Services(env, api, container -> Optional.empty(), () -> {
            throw new IllegalStateException("the archive training run does not use the Docker engine");
        }, new LocalHost());
    }
}
