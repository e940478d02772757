package dev.weft.cli.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts {@link RunOptions} into the {@code HostConfig} JSON of a container create, as {@code docker run}
 * would: the same fields {@link RunOptionsMapping} sets in docker-java's model, for
 * {@link UnixSocketDockerEngine}.
 */
final class RunOptionsHostConfig {

    private RunOptionsHostConfig() {
    }

    static void apply(RunOptions options, ObjectNode host) {
        number(host, "Memory", options.longLimit("--memory"));
        number(host, "MemorySwap", options.longLimit("--memory-swap"));
        number(host, "MemoryReservation", options.longLimit("--memory-reservation"));
        number(host, "ShmSize", options.longLimit("--shm-size"));
        number(host, "NanoCpus", options.longLimit("--cpus"));
        number(host, "CpuPeriod", options.longLimit("--cpu-period"));
        number(host, "CpuQuota", options.longLimit("--cpu-quota"));
        number(host, "PidsLimit", options.longLimit("--pids-limit"));
        number(host, "CpuShares", options.longLimit("--cpu-shares"));
        number(host, "OomScoreAdj", options.longLimit("--oom-score-adj"));
        text(host, "CpusetCpus", (String) options.limits().get("--cpuset-cpus"));
        text(host, "CpusetMems", (String) options.limits().get("--cpuset-mems"));
        Boolean oomKillDisable = (Boolean) options.limits().get("--oom-kill-disable");
        if (oomKillDisable != null) {
            host.put("OomKillDisable", oomKillDisable);
        }
        if (!options.ulimits().isEmpty()) {
            ArrayNode ulimits = host.putArray("Ulimits");
            options.ulimits().forEach(ulimit -> ulimit(ulimits.addObject(), ulimit));
        }
        if (!options.capAdd().isEmpty()) {
            ContainerCreateBody.strings(host, "CapAdd", Capabilities.checked(options.capAdd()));
        }
        if (!options.capDrop().isEmpty()) {
            ContainerCreateBody.strings(host, "CapDrop", Capabilities.checked(options.capDrop()));
        }
        if (!options.securityOpts().isEmpty()) {
            ContainerCreateBody.strings(host, "SecurityOpt", options.securityOpts());
        }
        if (options.logDriver() != null || !options.logOpts().isEmpty()) {
            ObjectNode log = host.putObject("LogConfig");
            text(log, "Type", options.logDriver());
            if (!options.logOpts().isEmpty()) {
                ObjectNode config = log.putObject("Config");
                options.logOpts().forEach(config::put);
            }
        }
    }

    /** {@code name=soft[:hard]}. */
    private static void ulimit(ObjectNode node, String text) {
        String[] nameAndValues = text.split("=", 2);
        String[] softHard = nameAndValues[1].split(":", 2);
        long soft = Long.parseLong(softHard[0]);
        node.put("Name", nameAndValues[0]);
        node.put("Soft", soft);
        node.put("Hard", softHard.length > 1 ? Long.parseLong(softHard[1]) : soft);
    }

    private static void number(ObjectNode node, String field, Long value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void text(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
