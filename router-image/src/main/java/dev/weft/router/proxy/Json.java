package dev.weft.router.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker API JSON as the proxy edits it: a tree that keeps every field it does not know, numbers
 * exactly as sent, and the API's loose types (a string where a list of strings is expected).
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private Json() {}

    /** @throws ProxyException 400 when the bytes are not one JSON object */
    static ObjectNode parseObject(byte[] body, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw ProxyException.badRequest("invalid JSON in " + what + ": " + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw ProxyException.badRequest("invalid JSON in " + what + ": expected an object");
        }
        return (ObjectNode) node;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static String text(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    /** A list of strings: null when absent or JSON null; a lone string counts as a one-item list. */
    static List<String> strings(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        if (!n.isArray()) {
            throw ProxyException.badRequest("json: cannot unmarshal " + n.getNodeType().toString().toLowerCase()
                    + " into " + field + " of type []string");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            out.add(item.isNull() ? "" : item.asText());
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }

    /** The object at {@code field}, made (or replacing a JSON null) when missing. */
    static ObjectNode object(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n != null && n.isObject()) {
            return (ObjectNode) n;
        }
        if (n != null && !n.isNull()) {
            throw ProxyException.badRequest("json: cannot unmarshal " + n.getNodeType().toString().toLowerCase()
                    + " into " + field + " of type object");
        }
        return parent.putObject(field);
    }

    static void putStrings(ObjectNode parent, String field, List<String> values) {
        ArrayNode array = parent.putArray(field);
        values.forEach(array::add);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
