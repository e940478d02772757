package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.testing.Cli;
import dev.weft.cli.testing.FakeDockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker API proxy's part of launch: -H, TLS files and detection, the weavewait volumes. */
class LaunchProxyTest {
    private final Cli cli = new Cli();
    @TempDir
    Path certs;

    @BeforeEach
    void imagesBuiltRouterStopped() {
        cli.docker.images.addAll(List.of("weft/weave:0.1.0", "weft/weavedb:latest", "weft/weaveexec:0.1.0"));
        cli.api.down().answer("GET /status", 200, "ready");
        cli.docker.onStart = cli.api::up;
    }

    private FakeDockerEngine.Box container(String name) {
        return cli.docker.containers.values().stream().filter(b -> name.equals(b.name)).findFirst().orElseThrow();
    }

    /** The router's arguments from the proxy's -H on, up to and including --proxy. */
    private List<String> proxyArgs() {
        List<String> args = container("weave").spec.args();
        int from = args.indexOf("--db-prefix") + 2;
        return args.subList(from, args.indexOf("--proxy") + 1);
    }

    private String file(String name) throws IOException {
        return Files.writeString(certs.resolve(name), "pem").toString();
    }

    @Test
    void theWeavewaitVolumesContainerIsMadeOnceFromTheExecImage() {
        assertEquals(0, cli.run("launch").status());
        ContainerSpec volumes = container("weavevolumes-0.1.0").spec;
        assertEquals("weft/weaveexec:0.1.0", volumes.image());
        assertEquals(List.of("data-only"), volumes.entrypoint());
        assertEquals(List.of("/w", "/w-noop", "/w-nomcast"), volumes.volumes());
        assertEquals(Map.of("weavevolumes", ""), volumes.labels());
        assertEquals(List.of("-H", "unix:///var/run/weave/weave.sock", "--plugin", "--proxy"), proxyArgs());

        cli.docker.containers.values().removeIf(b -> b.name.equals("weave"));
        cli.api.down();
        cli.docker.log.clear();
        assertEquals(0, cli.run("launch").status());
        assertEquals(List.of("create weave", "start weave"), cli.docker.log);
    }

    @Test
    void theExecImageIsNeeded() {
        cli.docker.images.remove("weft/weaveexec:0.1.0");
        Cli.Result r = cli.run("launch");
        assertEquals(1, r.status());
        assertEquals("weave: image weft/weaveexec:0.1.0 is missing; build weft's images with 'weave setup'\n", r.err());
    }

    @Test
    void aTcpDockerClientGetsATcpProxy() {
        cli.env.put("DOCKER_HOST", "tcp://192.0.2.5:2375");
        assertEquals(0, cli.run("--local", "launch").status());
        assertEquals(List.of("-H", "tcp://0.0.0.0:12375", "--plugin", "--proxy"), proxyArgs());
    }

    @Test
    void givenAddressesAndLinksForOtherUnixPaths() {
        Cli.Result r = cli.run("launch", "-H", "tcp://0.0.0.0:2377", "-H", "unix:///run/docker-weave.sock", "--proxy=false");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("-H", "tcp://0.0.0.0:2377", "-H", "unix:///run/docker-weave.sock", "--plugin", "--proxy"), proxyArgs());
        assertTrue(container("weave").spec.args().contains("--proxy=false"));
        assertEquals(List.of("ln -sfn /var/run/weave/weave.sock /run/docker-weave.sock"), cli.host.commands);
    }

    @Test
    void relativeUnixPathsAreRefused() {
        Cli.Result r = cli.run("launch", "-H", "unix://weave.sock");
        assertEquals(1, r.status());
        assertEquals("weave: -H unix://weave.sock: the path of a unix socket must be absolute\n", r.err());
        assertEquals(List.of(), cli.docker.log);
    }

    @Test
    void tlsFilesAreMountedForTheRouter() throws IOException {
        String ca = file("ca.pem");
        String cert = file("cert.pem");
        String key = file("key.pem");
        Cli.Result r = cli.run("launch", "-H", "tcp://0.0.0.0:12375", "--tlsverify", "--tlscacert", ca, "--tlscert", cert,
                "--tlskey", key);
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("-H", "tcp://0.0.0.0:12375", "--tlsverify", "--tlscacert", "/home/weave/tls/ca.pem",
                "--tlscert", "/home/weave/tls/cert.pem", "--tlskey", "/home/weave/tls/key.pem", "--plugin", "--proxy"), proxyArgs());
        List<String> binds = container("weave").spec.binds();
        assertEquals(List.of(ca + ":/home/weave/tls/ca.pem:ro", cert + ":/home/weave/tls/cert.pem:ro",
                key + ":/home/weave/tls/key.pem:ro"), binds.subList(binds.size() - 3, binds.size()));
    }

    @Test
    void aMissingTlsFileStopsLaunch() {
        Cli.Result r = cli.run("launch", "--tls", "--tlscert", "/nonexistent/cert.pem");
        assertEquals(1, r.status());
        assertEquals("weave: --tlscert /nonexistent/cert.pem: no such file (or not readable)\n", r.err());
    }

    @Test
    void dockerdsTlsSettingsAreCopied() throws IOException {
        cli.host.dockerd = Optional.of(List.of("/usr/bin/dockerd", "-H", "tcp://0.0.0.0:2376", "--tlsverify",
                "--tlscacert=" + file("ca.pem"), "--tlscert", file("cert.pem"), "--tlskey=" + file("key.pem")));
        Cli.Result r = cli.run("launch");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals(List.of("-H", "unix:///var/run/weave/weave.sock", "--tlsverify", "--tlscacert",
                "/home/weave/tls/ca.pem", "--tlscert", "/home/weave/tls/cert.pem", "--tlskey", "/home/weave/tls/key.pem",
                "--plugin", "--proxy"), proxyArgs());
    }

    @Test
    void aDockerdWithoutTlsOrNoDetectionGivesNone() {
        cli.host.dockerd = Optional.of(List.of("dockerd", "--tls=false"));
        assertEquals(0, cli.run("launch").status());
        assertEquals(List.of("-H", "unix:///var/run/weave/weave.sock", "--plugin", "--proxy"), proxyArgs());
    }

    @Test
    void noDockerdToLookAtIsAWarningUnlessDetectionIsOff() {
        cli.host.dockerd = Optional.empty();
        Cli.Result r = cli.run("launch");
        assertEquals(0, r.status());
        assertEquals("weave: warning: unable to detect proxy TLS configuration. To enable TLS, launch the proxy with "
                + "'weave launch' and supply TLS options. To suppress this warning, supply the '--no-detect-tls' "
                + "option.\n", r.err());
        cli.docker.containers.values().removeIf(b -> b.name.equals("weave"));
        cli.api.down();
        assertEquals("", cli.run("launch", "--no-detect-tls").err());
    }
}
