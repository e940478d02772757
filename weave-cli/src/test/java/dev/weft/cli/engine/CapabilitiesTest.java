package dev.weft.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.dockerjava.api.model.Capability;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The capabilities accepted are docker-java's, with or without {@code CAP_}. */
class CapabilitiesTest {

    @Test
    void theSameSetAsDockerJava() {
        assertEquals(Arrays.stream(Capability.values()).map(Enum::name).collect(Collectors.toSet()),
                Capabilities.KNOWN);
    }

    @Test
    void prefixIsDropped() {
        assertEquals(List.of("NET_ADMIN", "SYS_TIME"), Capabilities.checked(List.of("CAP_NET_ADMIN", "SYS_TIME")));
    }

    @Test
    void unknownNamesAreRefused() {
        assertEquals("unknown capability net_admin", assertThrows(DockerEngine.EngineException.class,
                () -> Capabilities.checked(List.of("net_admin"))).getMessage());
    }
}
