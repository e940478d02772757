package dev.weft.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.cli.Env;
import dev.weft.cli.WeaveException;
import dev.weft.cli.engine.RunOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerRunArgsTest {

    private static RunOptions parse(String text) {
        return DockerRunArgs.from(new Env(Map.of("WEAVE_DOCKER_ARGS", text, "FROM_CALLER", "yes")), "WEAVE_DOCKER_ARGS");
    }

    private static String refusal(String text) {
        return assertThrows(WeaveException.class, () -> parse(text)).getMessage();
    }

    @Test
    void unsetOrBlankIsNothing() {
        assertSame(RunOptions.NONE, DockerRunArgs.from(new Env(Map.of()), "WEAVE_DOCKER_ARGS"));
        assertSame(RunOptions.NONE, parse("  "));
    }

    @Test
    void sizesAreBinaryAsDockerReadsThem() {
        RunOptions options = parse("-m 200m --memory-swap=-1 --memory-reservation 1.5g --shm-size=64k");
        assertEquals(200L << 20, options.longLimit("--memory"));
        assertEquals(-1L, options.longLimit("--memory-swap"));
        assertEquals(3L << 29, options.longLimit("--memory-reservation"));
        assertEquals(64L << 10, options.longLimit("--shm-size"));
        assertEquals(512L << 20, parse("-m512m").longLimit("--memory"));
        assertEquals(1L << 30, parse("-m=1GB").longLimit("--memory"));
    }

    @Test
    void cpuAndProcessLimits() {
        RunOptions options = parse("--cpus=1.5 -c 512 --cpuset-cpus 0-1 --pids-limit 100 --oom-kill-disable "
                + "--oom-score-adj=-500 --cpu-period 100000 --cpu-quota 50000");
        assertEquals(1_500_000_000L, options.longLimit("--cpus"));
        assertEquals(512L, options.longLimit("--cpu-shares"));
        assertEquals("0-1", options.limits().get("--cpuset-cpus"));
        assertEquals(100L, options.longLimit("--pids-limit"));
        assertEquals(true, options.limits().get("--oom-kill-disable"));
        assertEquals(-500L, options.longLimit("--oom-score-adj"));
        assertEquals(50_000L, options.longLimit("--cpu-quota"));
    }

    @Test
    void environmentLabelsVolumesLoggingAndCapabilities() {
        RunOptions options = parse("-e A=1 --env FROM_CALLER -e UNSET_HERE -l team=net --label=tier "
                + "-v /srv/x:/x:ro --ulimit nofile=1024:2048 --cap-add net_admin --cap-drop=MKNOD "
                + "--security-opt apparmor=unconfined --log-driver json-file --log-opt max-size=10m --restart always");
        assertEquals(List.of("A=1", "FROM_CALLER=yes"), options.env());
        assertEquals(Map.of("team", "net", "tier", ""), options.labels());
        assertEquals(List.of("/srv/x:/x:ro"), options.binds());
        assertEquals(List.of("nofile=1024:2048"), options.ulimits());
        assertEquals(List.of("NET_ADMIN"), options.capAdd());
        assertEquals(List.of("MKNOD"), options.capDrop());
        assertEquals(List.of("apparmor=unconfined"), options.securityOpts());
        assertEquals("json-file", options.logDriver());
        assertEquals(Map.of("max-size", "10m"), options.logOpts());
        assertEquals("always", options.restartPolicy());
    }

    @Test
    void whatWeftCannotApplyIsRefusedByName() {
        assertEquals("WEAVE_DOCKER_ARGS: weft does not support the docker run option --network here (it takes "
                + "--memory, --memory-swap, --memory-reservation, --shm-size, --cpus, --cpu-shares, --cpu-period, "
                + "--cpu-quota, --cpuset-cpus, --cpuset-mems, --pids-limit, --oom-kill-disable, --oom-score-adj, "
                + "--env, --label, --volume, --ulimit, --cap-add, --cap-drop, --security-opt, --log-driver, "
                + "--log-opt, --restart)", refusal("--network=bridge"));
        assertEquals("WEAVE_DOCKER_ARGS: weft does not support the docker run option -it", refusal("-it").split(" here")[0]);
        assertEquals("WEAVE_DOCKER_ARGS: 'busybox' is not a docker run option (the image and command are weft's)",
                refusal("-m 1g busybox"));
    }

    @Test
    void badValuesAreNamed() {
        assertEquals("WEAVE_DOCKER_ARGS: --memory lots: expected a size such as 200m or 1g", refusal("-m lots"));
        assertEquals("WEAVE_DOCKER_ARGS: --cpus 0: expected a positive number such as 0.5", refusal("--cpus 0"));
        assertEquals("WEAVE_DOCKER_ARGS: --memory needs a value", refusal("--memory"));
        assertEquals("WEAVE_DOCKER_ARGS: --restart sometimes: expected no, always, unless-stopped or on-failure[:N]",
                refusal("--restart sometimes"));
        assertEquals("WEAVE_DOCKER_ARGS: --volume data:/x: expected /host/path:/container/path[:options] (named and "
                + "anonymous volumes are not taken)", refusal("-v data:/x"));
    }
}
