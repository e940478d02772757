package dev.weft.cli.service;

import dev.weft.cli.Env;
import dev.weft.cli.WeaveException;
import dev.weft.cli.engine.RunOptions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code WEAVE_DOCKER_ARGS} / {@code WEAVEEXEC_DOCKER_ARGS}: {@code docker run} options split at
 * white space as the original's unquoted {@code $WEAVE_DOCKER_ARGS} was. weft creates containers
 * through the engine's API, not the docker command, so it takes the options that make sense for its
 * privileged host-network containers (resources, environment, labels, volumes, logging, capabilities,
 * restart policy) and refuses any other with one line naming it, before anything is created.
 */
public final class DockerRunArgs {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d+)?");
    private static final Set<String> BOOLEANS = Set.of("--oom-kill-disable");
    private static final Map<String, String> SHORT = Map.of("-m", "--memory", "-c", "--cpu-shares", "-e", "--env",
            "-l", "--label", "-v", "--volume");
    private static final List<String> SUPPORTED = List.of("--memory", "--memory-swap", "--memory-reservation",
            "--shm-size", "--cpus", "--cpu-shares", "--cpu-period", "--cpu-quota", "--cpuset-cpus", "--cpuset-mems",
            "--pids-limit", "--oom-kill-disable", "--oom-score-adj", "--env", "--label", "--volume", "--ulimit",
            "--cap-add", "--cap-drop", "--security-opt", "--log-driver", "--log-opt", "--restart");

    private final String variable;
    private final Env env;

    private DockerRunArgs(String variable, Env env) {
        this.variable = variable;
        this.env = env;
    }

    /** The options in the variable {@code name} of {@code env}; {@link RunOptions#NONE} when unset or blank. */
    public static RunOptions from(Env env, String name) {
        String text = env.get(name, "").strip();
        return text.isEmpty() ? RunOptions.NONE : new DockerRunArgs(name, env).parse(List.of(text.split("\\s+")));
    }

    private RunOptions parse(List<String> words) {
        RunOptions.Builder options = new RunOptions.Builder();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-") || word.equals("-") || word.equals("--")) {
                throw refuse("'" + word + "' is not a docker run option (the image and command are weft's)");
            }
            String flag = word;
            String value = null;
            if (word.startsWith("--") && word.indexOf('=') > 0) {
                flag = word.substring(0, word.indexOf('='));
                value = word.substring(word.indexOf('=') + 1);
            } else if (!word.startsWith("--") && word.length() > 2) {   // -m200m, -m=200m
                flag = word.substring(0, 2);
                value = word.substring(word.charAt(2) == '=' ? 3 : 2);
            }
            flag = SHORT.getOrDefault(flag, flag);
            if (!SUPPORTED.contains(flag)) {
                throw refuse("weft does not support the docker run option " + word.split("=", 2)[0]
                        + " here (it takes " + String.join(", ", SUPPORTED) + ")");
            }
            if (BOOLEANS.contains(flag)) {
                options.limit(flag, value == null || Boolean.parseBoolean(value));
                continue;
            }
            if (value == null) {
                if (i + 1 >= words.size()) {
                    throw refuse(flag + " needs a value");
                }
                value = words.get(++i);
            }
            apply(options, flag, value);
        }
        return options.build();
    }

    private void apply(RunOptions.Builder options, String flag, String value) {
        switch (flag) {
            case "--memory", "--memory-reservation", "--shm-size" -> options.limit(flag, bytes(flag, value));
            case "--memory-swap" -> options.limit(flag, value.equals("-1") ? -1L : bytes(flag, value));
            case "--cpus" -> options.limit(flag, nanoCpus(value));
            case "--cpu-shares", "--oom-score-adj" -> options.limit(flag, (long) integer(flag, value));
            case "--cpu-period", "--cpu-quota", "--pids-limit" -> options.limit(flag, (long) integer(flag, value));
            case "--cpuset-cpus", "--cpuset-mems" -> options.limit(flag, value);
            case "--env" -> environment(options, value);
            case "--label" -> keyValue(value, options::label);
            case "--volume" -> options.bind(volume(value));
            case "--ulimit" -> options.ulimit(ulimit(value));
            case "--cap-add" -> options.capAdd(value.toUpperCase(Locale.ROOT));
            case "--cap-drop" -> options.capDrop(value.toUpperCase(Locale.ROOT));
            case "--security-opt" -> options.securityOpt(value);
            case "--log-driver" -> options.logDriver(value);
            case "--log-opt" -> logOpt(options, value);
            case "--restart" -> options.restartPolicy(restart(value));
            default -> throw new IllegalStateException("no handler for " + flag);
        }
    }

    private void environment(RunOptions.Builder options, String value) {
        if (value.contains("=")) {
            options.env(value);
            return;
        }
        String inherited = env.get(value);   // -e NAME: the caller's value, as docker does; unset means nothing
        if (inherited != null) {
            options.env(value + "=" + inherited);
        }
    }

    private static void keyValue(String value, BiConsumer<String, String> put) {
        int equals = value.indexOf('=');
        put.accept(equals < 0 ? value : value.substring(0, equals), equals < 0 ? "" : value.substring(equals + 1));
    }

    private void logOpt(RunOptions.Builder options, String value) {
        if (value.indexOf('=') <= 0) {
            throw refuse("--log-opt " + value + ": expected key=value");
        }
        keyValue(value, options::logOpt);
    }

    private String volume(String value) {
        String[] parts = value.split(":");
        if (parts.length < 2 || parts.length > 3 || !parts[0].startsWith("/") || !parts[1].startsWith("/")) {
            throw refuse("--volume " + value + ": expected /host/path:/container/path[:options] (named and "
                    + "anonymous volumes are not taken)");
        }
        return value;
    }

    private String ulimit(String value) {
        if (!value.matches("[a-z]+=-?\\d+(:-?\\d+)?")) {
            throw refuse("--ulimit " + value + ": expected name=soft[:hard]");
        }
        return value;
    }

    private String restart(String value) {
        if (!RESTART.matcher(value).matches()) {
            throw refuse("--restart " + value + ": expected no, always, unless-stopped or on-failure[:N]");
        }
        return value;
    }

    private long bytes(String flag, String value) {
        Matcher m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            throw refuse(flag + " " + value + ": expected a size such as 200m or 1g");
        }
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }

    private long nanoCpus(String value) {
        try {
            BigDecimal cpus = new BigDecimal(value);
            if (cpus.signum() <= 0) {
                throw new NumberFormatException();
            }
            return cpus.movePointRight(9).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw refuse("--cpus " + value + ": expected a positive number such as 0.5");
        }
    }

    private int integer(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw refuse(flag + " " + value + ": expected a whole number");
        }
    }

    private WeaveException refuse(String problem) {
        return WeaveException.error(variable + ": " + problem);
    }
}
