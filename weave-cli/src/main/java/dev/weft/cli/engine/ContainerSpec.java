package dev.weft.cli.engine;

import java.util.List;
import java.util.Map;

/**
 * A container to create, in the terms of {@code docker run}.
 *
 * @param binds         {@code host:container[:ro]} bind mounts
 * @param volumes       anonymous volumes (container paths)
 * @param restartPolicy {@code always}, or null for none
 * @param runOptions    what the user adds ({@code WEAVE_DOCKER_ARGS}); its restart policy, env, labels and
 *                      binds come on top of the ones above
 */
public record ContainerSpec(String name, String image, List<String> entrypoint, List<String> args, List<String> env,
                            List<String> binds, List<String> volumes, List<String> volumesFrom,
                            Map<String, String> labels, boolean privileged, boolean hostNetworkAndPid,
                            String restartPolicy, boolean autoRemove, RunOptions runOptions) {

    public ContainerSpec(String name, String image, List<String> entrypoint, List<String> args, List<String> env,
                         List<String> binds, List<String> volumes, List<String> volumesFrom, Map<String, String> labels,
                         boolean privileged, boolean hostNetworkAndPid, String restartPolicy, boolean autoRemove) {
        this(name, image, entrypoint, args, env, binds, volumes, volumesFrom, labels, privileged, hostNetworkAndPid,
                restartPolicy, autoRemove, RunOptions.NONE);
    }

    /** The env given here, then the user's. */
    public List<String> allEnv() {
        return concat(env, runOptions.env());
    }

    /** The binds given here, then the user's. */
    public List<String> allBinds() {
        return concat(binds, runOptions.binds());
    }

    /** The labels given here, the user's added (and winning). */
    public Map<String, String> allLabels() {
        Map<String, String> all = new java.util.LinkedHashMap<>(labels);
        all.putAll(runOptions.labels());
        return all;
    }

    /** The user's restart policy if given, else this one. */
    public String effectiveRestartPolicy() {
        return runOptions.restartPolicy() != null ? runOptions.restartPolicy() : restartPolicy;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
