package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.weaveutil.addr.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpamConfigTest {
    static final PeerName US = PeerName.parse("::1");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.32.0.1/12 |              | invalid subnet - bits after network prefix are not all zero: 10.32.0.1/12",
        "10.32.0.0/31 |              | invalid subnet - smaller than minimum size 4: 10.32.0.0/31",
        "10.32.0.0/12 | 10.0.0.0/16  | IP address allocation default subnet 10.0.0.0/16 does not overlap with allocation range 10.32.0.0/12",
        "10.32.0.0/12 | 10.32.0.1/16 | invalid subnet - bits after network prefix are not all zero: 10.32.0.1/16",
        "10.32.0.0    |              | invalid CIDR address: 10.32.0.0",
    })
    void rejectsBadRangesWithTheOriginalMessages(String range, String subnet, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpamConfig.fromFlags(range, subnet, "", US, "host1", 0));
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultSubnetIsTheRange() {
        IpamConfig config = IpamConfig.fromFlags("10.32.0.0/12", null, null, US, "host1", 0);
        assertEquals(Cidr.parse("10.32.0.0/12"), config.defaultSubnet());
        assertEquals(IpallocInit.DEFAULT, config.init());
        assertEquals("00:00:00:00:00:01(host1)", config.ourLabel());
    }

    @Test
    void parsesInitModes() {
        assertEquals(new IpallocInit.Consensus(null), IpallocInit.parse("consensus"));
        assertEquals(new IpallocInit.Consensus(3), IpallocInit.parse("consensus=3"));
        assertEquals(new IpallocInit.Observer(), IpallocInit.parse("observer"));
        assertEquals(new IpallocInit.Seed(List.of(PeerName.parse("::1"), PeerName.parse("aa:bb:cc:dd:ee:ff"))),
                IpallocInit.parse("seed=::1,aa:bb:cc:dd:ee:ff"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "consensus=0     | invalid --ipalloc-init consensus peer count: 0",
        "consensus=x     | invalid --ipalloc-init consensus peer count: x",
        "seed=::1,bogus  | invalid --ipalloc-init seed peer name: \"bogus\"",
        "seed=           | invalid --ipalloc-init seed peer name: \"\"",
        "voting          | invalid --ipalloc-init mode: \"voting\" (expected consensus[=N], seed=<name>,... or observer)",
    })
    void rejectsBadInitModes(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpallocInit.parse(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"-1, 0, 1", "-1, 1, 2", "-1, 2, 2", "-1, 3, 3", "1, 5, 1", "2, 0, 2", "3, 0, 2", "5, 0, 3"})
    void quorumFollowsPeerCountOrTargets(int n, int targets, int quorum) {
        assertEquals(quorum, new IpallocInit.Consensus(n < 0 ? null : n).quorum(targets));
    }
}
