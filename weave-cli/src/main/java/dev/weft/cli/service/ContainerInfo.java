package dev.weft.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.cli.WeaveException;
import dev.weft.cli.router.Router;
import java.io.IOException;
import java.util.Map;

/** A container's identity as the router reports it ({@code GET /weft/container/<c>}). */
public record ContainerInfo(String id, String name, int pid, boolean running, String hostname, String domainname) {

    public static ContainerInfo lookUp(Router router, String container) {
        String json = router.call("GET", "/weft/container/" + container, Map.of());
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            return new ContainerInfo(node.path("Id").asText(), node.path("Name").asText(), node.path("Pid").asInt(),
                    node.path("Running").asBoolean(), node.path("Hostname").asText(""),
                    node.path("Domainname").asText(""));
        } catch (IOException e) {
            throw WeaveException.error("unreadable answer about container " + container + ": " + e.getMessage());
        }
    }

    /** {@code hostname.domainname}, or null when the container has no domain. */
    public String fqdn() {
        return domainname.isEmpty() ? null : hostname + "." + domainname;
    }
}
