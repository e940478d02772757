package dev.weft.cli.testing;

import dev.weft.cli.engine.ContainerSpec;
import dev.weft.cli.engine.ContainerState;
import dev.weft.cli.engine.DockerEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An engine in memory: containers by name and id, images, and a log of what was done. */
public final class FakeDockerEngine implements DockerEngine {

    /** A container the fake holds. */
    public static final class Box {
        public final String id;
        public final String name;
        public final ContainerSpec spec;
        public String status;
        public String image;

        Box(String id, String name, ContainerSpec spec, String status, String image) {
            this.id = id;
            this.name = name;
            this.spec = spec;
            this.status = status;
            this.image = image;
        }
    }

    public final Set<String> images = new HashSet<>();
    public final Map<String, Box> containers = new LinkedHashMap<>();
    public final List<String> log = new ArrayList<>();
    /** Runs when a container starts (e.g. to bring the fake router up). */
    public Runnable onStart = () -> { };
    public String runOutput = "";
    public int runStatus;
    public ContainerSpec lastRun;
    /** When set, every inspection fails with it (an engine that went away). */
    public RuntimeException failure;
    private int nextId = 1;
    /** How many times a container was inspected. */
    public int inspections;

    public Box add(String name, String status, String image) {
        Box box = new Box(String.format("%064x", nextId++), name, null, status, image);
        containers.put(box.id, box);
        return box;
    }

    private Optional<Box> find(String nameOrId) {
        return containers.values().stream()
                .filter(b -> b.id.equals(nameOrId) || nameOrId.equals(b.name)).findFirst();
    }

    @Override
    public Optional<ContainerState> inspect(String container) {
        inspections++;
        if (failure != null) {
            throw failure;
        }
        return find(container).map(b -> new ContainerState(b.id, b.status, b.image, b.status.equals("restarting"),
                b.status.equals("running") ? 4242 : 0));
    }

    @Override
    public boolean imageExists(String image) {
        return images.contains(image);
    }

    @Override
    public String create(ContainerSpec spec) {
        Box box = new Box(String.format("%064x", nextId++), spec.name(), spec, "created", spec.image());
        containers.put(box.id, box);
        log.add("create " + (spec.name() == null ? spec.image() : spec.name()));
        return box.id;
    }

    @Override
    public void start(String container) {
        Box box = find(container).orElseThrow(() -> new EngineException("no such container " + container, null));
        box.status = "running";
        log.add("start " + box.name);
        onStart.run();
    }

    @Override
    public void stop(String container, int timeoutSeconds) {
        find(container).ifPresent(b -> b.status = "exited");
        log.add("stop " + find(container).map(b -> b.name).orElse(container) + " " + timeoutSeconds);
    }

    @Override
    public void kill(String container) {
        find(container).ifPresent(b -> b.status = "exited");
        log.add("kill " + find(container).map(b -> b.name).orElse(container));
    }

    /** What {@link #logTail} answers. */
    public List<String> logs = List.of();

    @Override
    public void disableRestart(String container) {
        log.add("update " + find(container).map(b -> b.name).orElse(container) + " --restart=no");
    }

    @Override
    public List<String> logTail(String container, int lines) {
        return logs.subList(Math.max(0, logs.size() - lines), logs.size());
    }

    @Override
    public void remove(String container, boolean force, boolean volumes) {
        Optional<Box> box = find(container);
        log.add("remove " + box.map(b -> b.name).orElse(container) + (force ? " -f" : "") + (volumes ? " -v" : ""));
        box.ifPresent(b -> containers.remove(b.id));
    }

    @Override
    public List<String> containersLabelled(String label) {
        return containers.values().stream().filter(b -> b.spec != null && b.spec.labels().containsKey(label))
                .map(b -> b.id).toList();
    }

    @Override
    public int run(ContainerSpec spec, OutputStream out, OutputStream err) {
        lastRun = spec;
        log.add("run " + spec.image() + " " + spec.args());
        try {
            out.write(runOutput.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runStatus;
    }
}
