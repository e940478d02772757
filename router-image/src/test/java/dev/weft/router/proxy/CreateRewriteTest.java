package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateRewriteTest {
    private static final String VOLUME = "/var/lib/docker/volumes/abc/_data";
    private static final DnsSettings DNS = new DnsSettings("172.17.0.1", "weave.local.");
    private final List<String> lookedUp = new ArrayList<>();
    private final Map<String, ImageConfig> images = Map.of(
            "app", new ImageConfig(List.of("/entry", "--flag"), List.of("serve")),
            "busybox", new ImageConfig(List.of(), List.of("sh")),
            "bare", new ImageConfig(List.of(), List.of()));
    private final ImageConfig.Lookup lookup = image -> {
        lookedUp.add(image);
        ImageConfig c = images.get(image);
        if (c == null) {
            throw new ProxyException(404, "No such image: " + image);
        }
        return c;
    };

    private static ObjectNode body(String json) {
        return Json.parseObject(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "test");
    }

    private static String json(ObjectNode node) {
        return Json.utf8(Json.bytes(node)).replace('"', '\'');
    }

    private final CreateRewrite rewrite = new CreateRewrite(VOLUME, DNS, HostnameRule.DEFAULT, false);

    @Test
    void imageEntrypointAndCommandAreWrappedAndNamedForWeaveDns() {
        ObjectNode b = body("{'Image':'app','Env':['A=1'],'Cmd':null,'Entrypoint':null,'Hostname':'',"
                + "'HostConfig':{'Binds':['/data:/data','/old:/w'],'NetworkMode':'default','Memory':1234567890123}}");
        assertTrue(rewrite.rewrite(b, "web", lookup));
        assertEquals("{'Image':'app','Env':['A=1'],'Cmd':['serve'],'Entrypoint':['/w/w','/entry','--flag'],"
                + "'Hostname':'web','HostConfig':{'Binds':['/data:/data','" + VOLUME + ":/w:ro'],"
                + "'NetworkMode':'default','Memory':1234567890123,'Dns':['172.17.0.1'],'DnsSearch':['.']},"
                + "'Domainname':'weave.local'}", json(b));
        assertEquals(List.of("app"), lookedUp);
    }

    @Test
    void theRequestsCommandWinsOverTheImages() {
        ObjectNode b = body("{'Image':'app','Cmd':['other']}");
        assertTrue(rewrite.rewrite(b, "", lookup));
        assertEquals(List.of("/w/w", "/entry", "--flag"), Json.strings(b, "Entrypoint"));
        assertEquals(List.of("other"), Json.strings(b, "Cmd"));
    }

    @Test
    void anEntrypointInTheRequestNeedsNoImageAndKeepsItsCommand() {
        ObjectNode b = body("{'Image':'missing','Entrypoint':'/bin/run','Cmd':[]}");
        assertTrue(rewrite.rewrite(b, "", lookup));
        assertEquals(List.of("/w/w", "/bin/run"), Json.strings(b, "Entrypoint"));
        assertEquals(List.of(), Json.strings(b, "Cmd"));
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void anEmptyEntrypointClearsTheImagesAndRunsTheCommand() {
        ObjectNode b = body("{'Image':'app','Entrypoint':[''],'Cmd':['ip','addr']}");
        assertTrue(rewrite.rewrite(b, "", lookup));
        assertEquals(List.of("/w/w"), Json.strings(b, "Entrypoint"));
        assertEquals(List.of("ip", "addr"), Json.strings(b, "Cmd"));
    }

    @Test
    void onlyAnImageCommand() {
        ObjectNode b = body("{'Image':'busybox'}");
        assertTrue(rewrite.rewrite(b, "", lookup));
        assertEquals(List.of("/w/w"), Json.strings(b, "Entrypoint"));
        assertEquals(List.of("sh"), Json.strings(b, "Cmd"));
    }

    @Test
    void alreadyWrappedStaysSo() {
        ObjectNode b = body("{'Image':'x','Entrypoint':['/w/w','/bin/run']}");
        assertTrue(rewrite.rewrite(b, "", lookup));
        assertEquals(List.of("/w/w", "/bin/run"), Json.strings(b, "Entrypoint"));
    }

    @Test
    void nothingToRun() {
        ProxyException e = assertThrows(ProxyException.class, () -> rewrite.rewrite(body("{'Image':'bare'}"), "", lookup));
        assertEquals(400, e.status());
        assertEquals("No command specified", e.getMessage());
    }

    @Test
    void unknownImageIsTheLookupsError() {
        ProxyException e = assertThrows(ProxyException.class, () -> rewrite.rewrite(body("{'Image':'nope'}"), "", lookup));
        assertEquals(404, e.status());
        assertEquals("No such image: nope", e.getMessage());
    }

    @Test
    void notQualifyingLeavesTheBodyAlone() {
        String original = "{'Image':'app','Env':['WEAVE_CIDR=none'],'HostConfig':{'NetworkMode':'default'}}";
        ObjectNode b = body(original);
        assertFalse(rewrite.rewrite(b, "c", lookup));
        assertEquals(original, json(b));
        ObjectNode host = body("{'Image':'app','HostConfig':{'NetworkMode':'host'}}");
        assertFalse(rewrite.rewrite(host, "c", lookup));
        assertFalse(new CreateRewrite(VOLUME, DNS, HostnameRule.DEFAULT, true).rewrite(body("{'Image':'app'}"), "c", lookup));
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void noHostConfigIsMade() {
        ObjectNode b = body("{'Image':'busybox','Cmd':['true']}");
        assertTrue(rewrite.rewrite(b, "", lookup));
        assertEquals("{'Binds':['" + VOLUME + ":/w:ro'],'Dns':['172.17.0.1'],'DnsSearch':['weave.local']}",
                json((ObjectNode) b.get("HostConfig")));
        assertFalse(b.has("Hostname"));
    }

    @Test
    void usersHostnameAndDnsSettingsAreKept() {
        ObjectNode b = body("{'Image':'busybox','Hostname':'mine','HostConfig':{'Dns':['8.8.8.8'],'DnsSearch':['corp']}}");
        assertTrue(rewrite.rewrite(b, "web", lookup));
        assertEquals("mine", Json.text(b, "Hostname"));
        assertFalse(b.has("Domainname"));
        assertEquals(List.of("8.8.8.8", "172.17.0.1"), Json.strings(b.get("HostConfig"), "Dns"));
        assertEquals(List.of("corp"), Json.strings(b.get("HostConfig"), "DnsSearch"));
    }

    @Test
    void aNameTooLongForAHostnameIsNotUsed() {
        String name = "n".repeat(64 - 1 - "weave.local".length());
        ObjectNode fits = body("{'Image':'busybox'}");
        rewrite.rewrite(fits, name, lookup);
        assertEquals(name, Json.text(fits, "Hostname"));
        ObjectNode tooLong = body("{'Image':'busybox'}");
        rewrite.rewrite(tooLong, name + "n", lookup);
        assertEquals("", Json.text(tooLong, "Hostname"));
        assertEquals(List.of("weave.local"), Json.strings(tooLong.get("HostConfig"), "DnsSearch"));
    }

    @Test
    void hostnameFromALabelThroughTheRule() {
        CreateRewrite labelled = new CreateRewrite(VOLUME, DNS, new HostnameRule("svc", "^(.*)-v[0-9]+$", "$1"), false);
        ObjectNode b = body("{'Image':'busybox','Labels':{'svc':'billing-v2'}}");
        labelled.rewrite(b, "random_name", lookup);
        assertEquals("billing", Json.text(b, "Hostname"));
    }

    @Test
    void withoutDnsOnlyTheEntrypointAndVolume() {
        ObjectNode b = body("{'Image':'busybox'}");
        assertTrue(new CreateRewrite(VOLUME, null, HostnameRule.DEFAULT, false).rewrite(b, "web", lookup));
        assertEquals("{'Image':'busybox','HostConfig':{'Binds':['" + VOLUME + ":/w:ro']},'Cmd':['sh'],"
                + "'Entrypoint':['/w/w']}", json(b));
    }

    @Test
    void malformedBodiesAreBadRequests() {
        assertEquals(400, assertThrows(ProxyException.class,
                () -> Json.parseObject("{not json".getBytes(StandardCharsets.UTF_8), "container config")).status());
        assertEquals(400, assertThrows(ProxyException.class,
                () -> Json.parseObject("[1]".getBytes(StandardCharsets.UTF_8), "container config")).status());
        assertEquals(400, assertThrows(ProxyException.class,
                () -> rewrite.rewrite(body("{'Image':'busybox','Env':{'A':1}}"), "", lookup)).status());
        assertEquals(400, assertThrows(ProxyException.class,
                () -> rewrite.rewrite(body("{'Image':'busybox','HostConfig':{'Binds':7}}"), "", lookup)).status());
    }
}
