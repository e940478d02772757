package dev.weft.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.cli.WeaveException;
import dev.weft.cli.api.ApiClient;
import java.io.IOException;
import java.util.Map;

/**
 * A container's identity as the router reports it ({@code GET /weft/container/<c>}). {@code fqdn} is the name
 * weaveDNS registers for it (the router's rule: {@code hostname.domainname}, or a dotted hostname), or null.
 */
public record ContainerInfo(String id, String name, int pid, boolean running, String fqdn) {

    public static ContainerInfo lookUp(ApiClient api, String container) {
        String json = api.call("GET", "/weft/container/" + container, Map.of());
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            return new ContainerInfo(node.path("Id").asText(), node.path("Name").asText(), node.path("Pid").asInt(),
                    node.path("Running").asBoolean(), node.path("Fqdn").isTextual() ? node.path("Fqdn").asText() : null);
        } catch (IOException e) {
            throw WeaveException.error("unreadable answer about container " + container + ": " + e.getMessage());
        }
    }
}
