package dev.weft.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create body's parts that docker-java never sent the same way (see {@link CreateBodyParityTest} for the rest). */
class ContainerCreateBodyTest {

    @Test
    void restartPoliciesAsDockerRunReadsThem() {
        assertEquals("{\"Name\":\"always\",\"MaximumRetryCount\":0}", policy("always"));
        assertEquals("{\"Name\":\"unless-stopped\",\"MaximumRetryCount\":0}", policy("unless-stopped"));
        assertEquals("{\"Name\":\"on-failure\",\"MaximumRetryCount\":0}", policy("on-failure"));
        assertEquals("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}", policy("on-failure:3"));
        assertEquals("{\"Name\":\"no\",\"MaximumRetryCount\":0}", policy("no"));
        for (String bad : List.of("sometimes", "always:2", "on-failure:x")) {
            assertEquals("invalid restart policy '" + bad + "'",
                    assertThrows(DockerEngine.EngineException.class, () -> policy(bad)).getMessage());
        }
    }

    @Test
    void theUsersRestartPolicyAndLabelsWin() {
        RunOptions options = new RunOptions.Builder().restartPolicy("unless-stopped").label("weft", "mine").build();
        JsonNode body = ContainerCreateBody.of(new ContainerSpec("weave", "weft/weave:0.1.0", List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), Map.of("weft", ""), false, false, "always", false,
                options));
        assertEquals("unless-stopped", body.path("HostConfig").path("RestartPolicy").path("Name").asText());
        assertEquals("{\"weft\":\"mine\"}", body.path("Labels").toString());
    }

    private static String policy(String text) {
        return ContainerCreateBody.restartPolicy(text).toString();
    }
}
