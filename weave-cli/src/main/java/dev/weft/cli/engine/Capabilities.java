package dev.weft.cli.engine;

import java.util.List;
import java.util.Set;

/**
 * The Linux capabilities {@code --cap-add}/{@code --cap-drop} accept: the names of docker-java's
 * {@code Capability} enum (a test keeps the two equal), written here so that the engine client that
 * avoids docker-java's start-up cost ({@link UnixSocketDockerEngine}) does not open its jar to check them.
 */
final class Capabilities {
    static final Set<String> KNOWN = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND",
            "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK",
            "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN",
            "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
            "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYSLOG", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE",
            "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM");

    private Capabilities() {
    }

    /** The names without their {@code CAP_} prefix, as the engine gets them. */
    static List<String> checked(List<String> names) {
        return names.stream().map(name -> {
            String bare = name.startsWith("CAP_") ? name.substring(4) : name;
            if (!KNOWN.contains(bare)) {
                throw new DockerEngine.EngineException("unknown capability " + name, null);
            }
            return bare;
        }).toList();
    }
}
