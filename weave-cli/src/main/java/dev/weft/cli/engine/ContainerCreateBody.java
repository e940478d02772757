package dev.weft.cli.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON body of {@code POST /containers/create} for a {@link ContainerSpec}: the fields docker-java's
 * {@code CreateContainerCmd} sends for it, built as a Jackson tree so that {@link UnixSocketDockerEngine}
 * needs none of docker-java's model classes. Binds and volumes-from go as written ({@code docker run}
 * does the same; docker-java adds {@code :rw}).
 */
final class ContainerCreateBody {

    private ContainerCreateBody() {
    }

    static ObjectNode of(ContainerSpec spec) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("Image", spec.image());
        strings(body, "Cmd", spec.args());
        if (!spec.entrypoint().isEmpty()) {
            strings(body, "Entrypoint", spec.entrypoint());
        }
        strings(body, "Env", spec.allEnv());
        ObjectNode labels = body.putObject("Labels");
        spec.allLabels().forEach(labels::put);
        ObjectNode volumes = body.putObject("Volumes");
        spec.volumes().forEach(volumes::putObject);
        body.set("HostConfig", hostConfig(spec));
        return body;
    }

    private static ObjectNode hostConfig(ContainerSpec spec) {
        ObjectNode host = JsonNodeFactory.instance.objectNode();
        host.put("Privileged", spec.privileged());
        strings(host, "Binds", spec.allBinds());
        strings(host, "VolumesFrom", spec.volumesFrom());
        host.put("AutoRemove", spec.autoRemove());
        if (spec.hostNetworkAndPid()) {
            host.put("NetworkMode", "host");
            host.put("PidMode", "host");
        }
        if (spec.effectiveRestartPolicy() != null) {
            host.set("RestartPolicy", restartPolicy(spec.effectiveRestartPolicy()));
        }
        RunOptionsHostConfig.apply(spec.runOptions(), host);
        return host;
    }

    /** {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure[:N]}, as {@code docker run --restart}. */
    static ObjectNode restartPolicy(String policy) {
        String[] nameAndCount = policy.split(":", 2);
        String name = nameAndCount[0];
        int count = 0;
        boolean known = List.of("no", "always", "unless-stopped", "on-failure").contains(name)
                && (nameAndCount.length == 1 || name.equals("on-failure"));
        if (known && nameAndCount.length == 2) {
            try {
                count = Integer.parseInt(nameAndCount[1]);
            } catch (NumberFormatException e) {
                known = false;
            }
        }
        if (!known) {
            throw new DockerEngine.EngineException("invalid restart policy '" + policy + "'", null);
        }
        ObjectNode restart = JsonNodeFactory.instance.objectNode();
        restart.put("Name", name);
        restart.put("MaximumRetryCount", count);
        return restart;
    }

    static void strings(ObjectNode node, String field, List<String> values) {
        values.forEach(node.putArray(field)::add);
    }
}
