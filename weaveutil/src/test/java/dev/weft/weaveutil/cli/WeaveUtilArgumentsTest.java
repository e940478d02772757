package dev.weft.weaveutil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argument handling: everything here fails or answers before any namespace or netlink is touched. */
class WeaveUtilArgumentsTest {

    @Test
    void unknownCommandsAreNamedAndTheListFollows() {
        CliRun run = CliRun.of("frobnicate", "x");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("\"frobnicate\" cmd is not found\n"), run.err());
        assertTrue(run.err().contains("  attach-container "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void helpGoesToStdoutAndNoArgumentsIsAnError() {
        CliRun help = CliRun.of("help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("  netcheck <cidr> [<ignore-if>...]"), help.out());
        assertEquals(1, CliRun.of().status());
    }

    @Test
    void malformedCidrsAreOneLineErrors() {
        CliRun run = CliRun.of("netcheck", "10.32.0.0/33");
        assertEquals(new CliRun(1, "", "invalid CIDR address: 10.32.0.0/33\n"), run);
        assertEquals(new CliRun(1, "", "invalid CIDR address: 10.1.2.3\n"),
                CliRun.of("attach-container", "1234", "weave", "10.1.2.3"));
        assertEquals(new CliRun(1, "", "invalid CIDR address: nonsense\n"),
                CliRun.of("detach-container", "1234", "nonsense"));
    }

    @Test
    void missingArgumentsShowTheCommandsUsage() {
        assertEquals(new CliRun(1, "", "usage: weaveutil attach-container [--no-multicast-route] [--keep-tx-on] "
                + "[--hairpin-mode=false] <id> <bridge> <cidr>...\n"), CliRun.of("attach-container", "1234", "weave"));
        assertEquals(new CliRun(1, "", "usage: weaveutil bridge-ip <bridge>\n"), CliRun.of("bridge-ip"));
    }

    @Test
    void flagsAreChecked() {
        assertEquals(new CliRun(1, "", "unknown flag: --frob\n"),
                CliRun.of("attach-container", "--frob", "1", "weave", "10.0.0.1/8"));
        assertEquals(new CliRun(1, "", "invalid value for --hairpin-mode: maybe (true or false)\n"),
                CliRun.of("attach-container", "--hairpin-mode=maybe", "1", "weave", "10.0.0.1/8"));
        assertEquals(new CliRun(1, "", "invalid container id: a/b (a PID, an absolute path or a netns name)\n"),
                CliRun.of("attach-container", "a/b", "weave", "10.0.0.1/8"));
    }
}
