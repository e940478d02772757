package dev.weft.cli.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extra {@code docker run} settings for one container: what {@code WEAVE_DOCKER_ARGS} (router) and
 * {@code WEAVEEXEC_DOCKER_ARGS} (exec container) add. A null value leaves the engine's default.
 */
public final class RunOptions {
    public static final RunOptions NONE = new Builder().build();

    private final Map<String, Object> limits;
    private final List<String> env;
    private final Map<String, String> labels;
    private final List<String> binds;
    private final List<String> ulimits;
    private final List<String> capAdd;
    private final List<String> capDrop;
    private final List<String> securityOpts;
    private final String logDriver;
    private final Map<String, String> logOpts;
    private final String restartPolicy;

    private RunOptions(Builder b) {
        limits = Map.copyOf(b.limits);
        env = List.copyOf(b.env);
        labels = Map.copyOf(b.labels);
        binds = List.copyOf(b.binds);
        ulimits = List.copyOf(b.ulimits);
        capAdd = List.copyOf(b.capAdd);
        capDrop = List.copyOf(b.capDrop);
        securityOpts = List.copyOf(b.securityOpts);
        logDriver = b.logDriver;
        logOpts = Map.copyOf(b.logOpts);
        restartPolicy = b.restartPolicy;
    }

    /** Resource limits by their {@code docker run} flag (e.g. {@code --memory} → bytes as a Long). */
    public Map<String, Object> limits() {
        return limits;
    }

    public Long longLimit(String flag) {
        return (Long) limits.get(flag);
    }

    public List<String> env() {
        return env;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public List<String> binds() {
        return binds;
    }

    /** {@code name=soft[:hard]} as given. */
    public List<String> ulimits() {
        return ulimits;
    }

    public List<String> capAdd() {
        return capAdd;
    }

    public List<String> capDrop() {
        return capDrop;
    }

    public List<String> securityOpts() {
        return securityOpts;
    }

    /** Null for the engine's default. */
    public String logDriver() {
        return logDriver;
    }

    public Map<String, String> logOpts() {
        return logOpts;
    }

    /** {@code no}, {@code always}, {@code unless-stopped} or {@code on-failure[:N]}; null when not given. */
    public String restartPolicy() {
        return restartPolicy;
    }

    public boolean isEmpty() {
        return limits.isEmpty() && env.isEmpty() && labels.isEmpty() && binds.isEmpty()
                && ulimits.isEmpty() && capAdd.isEmpty() && capDrop.isEmpty() && securityOpts.isEmpty()
                && logDriver == null && logOpts.isEmpty() && restartPolicy == null;
    }

    /** Collects the settings while {@code docker run} arguments are read. */
    public static final class Builder {
        private final Map<String, Object> limits = new LinkedHashMap<>();
        private final List<String> env = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> binds = new ArrayList<>();
        private final List<String> ulimits = new ArrayList<>();
        private final List<String> capAdd = new ArrayList<>();
        private final List<String> capDrop = new ArrayList<>();
        private final List<String> securityOpts = new ArrayList<>();
        private String logDriver;
        private final Map<String, String> logOpts = new LinkedHashMap<>();
        private String restartPolicy;

        public Builder limit(String flag, Object value) {
            limits.put(flag, value);
            return this;
        }

        public Builder env(String assignment) {
            env.add(assignment);
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder bind(String bind) {
            binds.add(bind);
            return this;
        }

        public Builder ulimit(String ulimit) {
            ulimits.add(ulimit);
            return this;
        }

        public Builder capAdd(String capability) {
            capAdd.add(capability);
            return this;
        }

        public Builder capDrop(String capability) {
            capDrop.add(capability);
            return this;
        }

        public Builder securityOpt(String option) {
            securityOpts.add(option);
            return this;
        }

        public Builder logDriver(String driver) {
            logDriver = driver;
            return this;
        }

        public Builder logOpt(String key, String value) {
            logOpts.put(key, value);
            return this;
        }

        public Builder restartPolicy(String policy) {
            restartPolicy = policy;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(this);
        }
    }
}
