package dev.weft.router.identity;

import java.util.Optional;

/** Asks the host whether a bridge exists and what its MAC address is (e.g. {@code ip link show weave}). */
@FunctionalInterface
public interface BridgeMacLookup {
    Optional<String> macOf(String bridgeName);

    BridgeMacLookup NONE = name -> Optional.empty();
}
