package dev.weft.cli.engine;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import java.util.Arrays;
import java.util.List;

/** Puts {@link RunOptions} into docker-java's {@link HostConfig}, as {@code docker run} would. */
final class RunOptionsMapping {

    private RunOptionsMapping() {
    }

    static void apply(RunOptions options, HostConfig host) {
        host.withMemory(options.longLimit("--memory"))
                .withMemorySwap(options.longLimit("--memory-swap"))
                .withMemoryReservation(options.longLimit("--memory-reservation"))
                .withShmSize(options.longLimit("--shm-size"))
                .withNanoCPUs(options.longLimit("--cpus"))
                .withCpuPeriod(options.longLimit("--cpu-period"))
                .withCpuQuota(options.longLimit("--cpu-quota"))
                .withPidsLimit(options.longLimit("--pids-limit"))
                .withCpusetCpus((String) options.limits().get("--cpuset-cpus"))
                .withCpusetMems((String) options.limits().get("--cpuset-mems"))
                .withOomKillDisable((Boolean) options.limits().get("--oom-kill-disable"));
        Long shares = options.longLimit("--cpu-shares");
        Long oomScore = options.longLimit("--oom-score-adj");
        host.withCpuShares(shares == null ? null : shares.intValue())
                .withOomScoreAdj(oomScore == null ? null : oomScore.intValue());
        if (!options.ulimits().isEmpty()) {
            host.withUlimits(options.ulimits().stream().map(RunOptionsMapping::ulimit).toList());
        }
        if (!options.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(options.capAdd()));
        }
        if (!options.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(options.capDrop()));
        }
        if (!options.securityOpts().isEmpty()) {
            host.withSecurityOpts(options.securityOpts());
        }
        if (options.logDriver() != null || !options.logOpts().isEmpty()) {
            host.withLogConfig(new LogConfig(options.logDriver() == null ? null : loggingType(options.logDriver()),
                    options.logOpts().isEmpty() ? null : options.logOpts()));
        }
    }

    private static Ulimit ulimit(String text) {
        String[] nameAndValues = text.split("=", 2);
        String[] softHard = nameAndValues[1].split(":", 2);
        long soft = Long.parseLong(softHard[0]);
        return new Ulimit(nameAndValues[0], soft, softHard.length > 1 ? Long.parseLong(softHard[1]) : soft);
    }

    private static Capability[] capabilities(List<String> names) {
        return names.stream().map(name -> {
            try {
                return Capability.valueOf(name.startsWith("CAP_") ? name.substring(4) : name);
            } catch (IllegalArgumentException e) {
                throw new DockerEngine.EngineException("unknown capability " + name, e);
            }
        }).toArray(Capability[]::new);
    }

    private static LogConfig.LoggingType loggingType(String driver) {
        return Arrays.stream(LogConfig.LoggingType.values()).filter(t -> t.getType().equals(driver)).findFirst()
                .orElseThrow(() -> new DockerEngine.EngineException("log driver " + driver
                        + " is not one docker-java knows", null));
    }
}
