package dev.weft.router.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.router.docker.ContainerInfo;
import dev.weft.weaveutil.addr.Ipv4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {

    @Test
    void rendersNamesStaticHostsAndLocalhost() {
        String text = HostsFileContent.render("web.weave.local.", List.of(Ipv4.parse("10.32.0.1"), Ipv4.parse("10.2.1.1")),
                List.of(new ExtraHost("db", Ipv4.parse("10.0.0.9"))));
        assertEquals("""
                # created by Weave - BEGIN
                # container hostname
                10.32.0.1       web.weave.local web
                10.2.1.1        web.weave.local web

                # static names added with --add-host
                10.0.0.9        db

                # default localhost entries
                127.0.0.1       localhost
                ::1             ip6-localhost ip6-loopback
                fe00::0         ip6-localnet
                ff00::0         ip6-mcastprefix
                ff02::1         ip6-allnodes
                ff02::2         ip6-allrouters
                # created by Weave - END
                """, text);
    }

    @Test
    void hostnameWithoutDomainIsWrittenOnce() {
        String text = HostsFileContent.render("web", List.of(Ipv4.parse("10.32.0.1")), List.of());
        assertEquals("10.32.0.1       web", text.lines().toList().get(2));
    }

    @Test
    void writesInPlaceThenDetachesTheHostCopy(@TempDir Path tmp) throws Exception {
        Path proc = tmp.resolve("proc");
        Path host = tmp.resolve("host");
        Path dockerFile = Files.createDirectories(host.resolve("var/lib/docker/containers/c1")).resolve("hosts");
        Files.writeString(dockerFile, "docker's\n");
        // a hard link stands in for Docker's bind mount: both names reach the same file
        Path inContainer = Files.createLink(Files.createDirectories(proc.resolve("77/root/etc")).resolve("hosts"), dockerFile);
        ContainerInfo c = new ContainerInfo("c1", "web", 77, true, false, "web", "", "default",
                "/var/lib/docker/containers/c1/hosts");

        new HostsFileWriter(proc, host).write(c, "new\n");

        assertEquals("new\n", Files.readString(inContainer));
        assertEquals("new\n", Files.readString(dockerFile));
        assertFalse(Files.isSameFile(inContainer, dockerFile), "Docker's path must now hold a separate file");
    }
}
