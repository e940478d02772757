package dev.weft.router.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Chooses this router's peer name: an explicit {@code --name}; else the MAC of an existing weave bridge
 * (so a restarted router keeps its name); else a hash of the host's machine id (stable across
 * reinstalls of the router); else a random name.
 */
public final class PeerNameDeriver {

    static final String SALT = "9oBJ0Jmip-";
    private static final List<String> MACHINE_ID_FILES = List.of("etc/machine-id", "var/lib/dbus/machine-id");
    private static final List<String> PRODUCT_UUID_FILES = List.of(
            "sys/class/dmi/id/product_uuid", "sys/hypervisor/uuid");

    private final BridgeMacLookup bridges;
    private final Path hostRoot;
    private final Path sysRoot;
    private final Random random;

    /**
     * @param hostRoot where the host's /etc and /var are visible (the router gets {@code /host})
     * @param sysRoot  where the product UUID files ({@code sys/...}) are looked for
     */
    public PeerNameDeriver(BridgeMacLookup bridges, Path hostRoot, Path sysRoot, Random random) {
        this.bridges = bridges;
        this.hostRoot = hostRoot;
        this.sysRoot = sysRoot;
        this.random = random;
    }

    /**
     * As the original does: the bridge from this process's /sys (the router shares the host's network),
     * machine id and product UUID under the host root ({@code launch} mounts /etc and /var/lib/dbus there,
     * so the UUID is usually absent and the machine id alone decides).
     */
    public static PeerNameDeriver forHost(Path hostRoot) {
        return new PeerNameDeriver(new SysfsBridgeMacLookup(Path.of("/sys/class/net")), hostRoot, hostRoot,
                new SecureRandom());
    }

    public PeerName derive(String explicitName, String bridgeName) {
        if (explicitName != null && !explicitName.isBlank()) {
            return PeerName.parse(explicitName);
        }
        Optional<PeerName> fromBridge = bridges.macOf(bridgeName).flatMap(PeerNameDeriver::parseQuietly);
        if (fromBridge.isPresent()) {
            return fromBridge.get();
        }
        return fromMachineId().orElseGet(this::randomName);
    }

    Optional<PeerName> fromMachineId() {
        Optional<String> machineId = firstReadable(hostRoot, MACHINE_ID_FILES);
        if (machineId.isEmpty()) {
            return Optional.empty();
        }
        String productUuid = firstReadable(sysRoot, PRODUCT_UUID_FILES).orElse("");
        byte[] hash = sha256(SALT + machineId.get() + productUuid);
        return Optional.of(PeerName.fromBytes(hash).asLocalUnicast());
    }

    private PeerName randomName() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return PeerName.fromBytes(bytes).asLocalUnicast();
    }

    private static Optional<PeerName> parseQuietly(String mac) {
        try {
            return Optional.of(PeerName.parse(mac));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstReadable(Path root, List<String> candidates) {
        for (String candidate : candidates) {
            try {
                String text = Files.readString(root.resolve(candidate), StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    return Optional.of(text);
                }
            } catch (IOException | SecurityException e) {
                // not present or not readable here: try the next source
            }
        }
        return Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
