package dev.weft.router.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.plumbing.InterfaceInfo;

/**
 * {@code --rewrite-inspect} (SPEC §9.1): a container's inspect answer shows its weave address
 * instead of Docker's, in {@code NetworkSettings.IPAddress}, {@code IPPrefixLen} and
 * {@code MacAddress}. An exec's inspect answer gets the same change in the container it embeds.
 */
public final class InspectRewrite {
    private InspectRewrite() {}

    /** The container's PID from its inspect answer, 0 when it is not running. */
    public static long pid(ObjectNode container) {
        JsonNode state = container.get("State");
        return state == null || !state.path("Running").asBoolean(false) ? 0 : state.path("Pid").asLong(0);
    }

    /** Edits the container's inspect answer in place; false when the interface has no address. */
    public static boolean apply(ObjectNode container, InterfaceInfo weave) {
        if (weave.addresses().isEmpty()) {
            return false;
        }
        Cidr first = weave.addresses().get(0);
        ObjectNode settings = Json.object(container, "NetworkSettings");
        settings.put("IPAddress", first.address().toString());
        settings.put("IPPrefixLen", first.prefixLength());
        settings.put("MacAddress", weave.mac());
        return true;
    }

    /** The container an exec inspect answer embeds (older API versions), or null. */
    public static ObjectNode embeddedContainer(ObjectNode exec) {
        JsonNode c = exec.get("Container");
        return c != null && c.isObject() ? (ObjectNode) c : null;
    }
}
