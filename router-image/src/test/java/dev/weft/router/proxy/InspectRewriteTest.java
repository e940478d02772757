package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.plumbing.InterfaceInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectRewriteTest {

    private static ObjectNode body(String json) {
        return Json.parseObject(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void theWeaveAddressReplacesDockers() {
        ObjectNode c = body("{'Id':'abc','State':{'Running':true,'Pid':42},'NetworkSettings':{'IPAddress':'172.17.0.2',"
                + "'IPPrefixLen':16,'MacAddress':'02:42:ac:11:00:02','Ports':{}}}");
        assertEquals(42, InspectRewrite.pid(c));
        assertTrue(InspectRewrite.apply(c, new InterfaceInfo("ethwe", "6a:1b:00:00:00:01",
                List.of(Cidr.parse("10.32.0.5/12"), Cidr.parse("10.2.0.1/24")))));
        assertEquals("{\"IPAddress\":\"10.32.0.5\",\"IPPrefixLen\":12,\"MacAddress\":\"6a:1b:00:00:00:01\",\"Ports\":{}}",
                Json.utf8(Json.bytes(c.get("NetworkSettings"))));
    }

    @Test
    void stoppedContainersHaveNoPidAndAnInterfaceWithoutAddressChangesNothing() {
        assertEquals(0, InspectRewrite.pid(body("{'State':{'Running':false,'Pid':0}}")));
        assertEquals(0, InspectRewrite.pid(body("{}")));
        ObjectNode c = body("{'NetworkSettings':{'IPAddress':'172.17.0.2'}}");
        assertFalse(InspectRewrite.apply(c, new InterfaceInfo("ethwe", "6a:1b:00:00:00:01", List.of())));
        assertEquals("172.17.0.2", c.get("NetworkSettings").get("IPAddress").asText());
    }

    @Test
    void execAnswersOfOlderApisEmbedTheContainer() {
        assertEquals("abc", InspectRewrite.embeddedContainer(body("{'ID':'e','Container':{'Id':'abc'}}")).get("Id").asText());
        assertEquals(null, InspectRewrite.embeddedContainer(body("{'ID':'e','ContainerID':'abc'}")));
    }
}
