package dev.weft.router.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DockerContainersTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void inspectAnswerBecomesContainerInfo() throws Exception {
        ContainerInfo info = DockerContainers.toInfo(json.readTree("""
                {"Id":"4f1c2a9d8e7b6a5c4f1c2a9d8e7b6a5c4f1c2a9d8e7b6a5c4f1c2a9d8e7b6a5c",
                 "Name":"/web","HostsPath":"/var/lib/docker/containers/4f1c/hosts",
                 "State":{"Running":true,"Restarting":false,"Pid":4242},
                 "Config":{"Hostname":"web","Domainname":"weave.local"},
                 "HostConfig":{"NetworkMode":"default"}}
                """));
        assertEquals("web", info.name());
        assertEquals("4f1c2a9d8e7b", info.shortId());
        assertEquals(4242, info.pid());
        assertTrue(info.running());
        assertEquals("web.weave.local", info.fqdn());
        assertFalse(info.usesHostNetwork());
        assertEquals("/var/lib/docker/containers/4f1c/hosts", info.hostsPath());
    }

    @Test
    void stoppedHostNetworkContainerWithoutDomain() throws Exception {
        ContainerInfo info = DockerContainers.toInfo(json.readTree("""
                {"Id":"abc","Name":"/h","State":{"Running":false,"Pid":0},
                 "Config":{"Hostname":"h","Domainname":""},"HostConfig":{"NetworkMode":"host"}}
                """));
        assertFalse(info.running());
        assertEquals(0, info.pid());
        assertTrue(info.usesHostNetwork());
        assertNull(info.fqdn());
    }

    @Test
    void aDottedHostnameIsAnFqdnOnItsOwn() {
        assertEquals("db.weave.local", new ContainerInfo("x", "db", 1, true, false, "db.weave.local", "", "default", "")
                .fqdn());
        assertNull(new ContainerInfo("x", "db", 1, true, false, "db", "", "default", "").fqdn());
    }

    @Test
    void fakeResolvesNamesIdsAndUniquePrefixes() {
        FakeContainers fake = new FakeContainers()
                .add(FakeContainers.running("aaaa11112222333344445555", "one", 10))
                .add(FakeContainers.running("aaab11112222333344445555", "two", 11));
        assertEquals("one", fake.inspect("aaaa1").orElseThrow().name());
        assertEquals("two", fake.inspect("two").orElseThrow().name());
        assertTrue(fake.inspect("aaa").isEmpty(), "ambiguous prefix");
        assertTrue(fake.inspect("nope").isEmpty());
        assertTrue(new InspectLiveness(fake).isRunning("aaab11112222333344445555"));
        assertFalse(new InspectLiveness(fake).isRunning("zzz"));
    }
}
