package dev.weft.router.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a link's MAC from {@code /sys/class/net/<name>/address}, as the host's network namespace shows it. */
public final class SysfsBridgeMacLookup implements BridgeMacLookup {

    private final Path sysClassNet;

    public SysfsBridgeMacLookup(Path sysClassNet) {
        this.sysClassNet = sysClassNet;
    }

    @Override
    public Optional<String> macOf(String bridgeName) {
        Path address = sysClassNet.resolve(bridgeName).resolve("address");
        try {
            String mac = Files.readString(address).strip();
            return mac.isEmpty() ? Optional.empty() : Optional.of(mac);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
