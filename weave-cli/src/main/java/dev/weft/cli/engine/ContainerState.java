package dev.weft.cli.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** What the engine says about one container: its status word ({@code running}, {@code exited}, ...), image and pid. */
public record ContainerState(String id, String status, String image, boolean restarting, int pid) {

    /** The fields of the engine's {@code GET /containers/<name>/json} answer. */
    static ContainerState fromInspect(JsonNode json) {
        JsonNode state = json.path("State");
        return new ContainerState(json.path("Id").asText(), state.path("Status").asText(),
                json.path("Config").path("Image").asText(), state.path("Restarting").asBoolean(),
                state.path("Pid").asInt());
    }

    public boolean running() {
        return "running".equals(status) && !restarting;
    }
}
