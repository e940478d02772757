package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaxosTest {
    static PeerName peer(int i) {
        return new PeerName(0x0a0000000000L + i);
    }

    static Paxos node(int i, int quorum) {
        return new Paxos(new Paxos.NodeId(peer(i), i * 1000L), quorum);
    }

    /** {@code to} hears everything {@code from} knows, then acts. */
    static boolean tell(Paxos from, Paxos to) {
        return to.merge(from.knowledge()) | to.think();
    }

    @Test
    void aQuorumOfOneDecidesAloneOnItself() {
        Paxos a = node(1, 1);
        a.propose();
        a.think();
        assertEquals(Optional.of(List.of(peer(1))), a.decision());
    }

    @Test
    void aProposerNeedsAQuorumOfPromisesAndAgreesOnThePeersItKnows() {
        Paxos a = node(1, 2);
        Paxos b = node(2, 2);
        Paxos c = node(3, 2);
        a.propose();
        a.think();
        assertEquals(Optional.empty(), a.decision(), "alone it is no quorum");
        assertEquals(1, a.knownPeers());
        tell(a, b);
        assertEquals(2, b.knownPeers());
        tell(b, a);
        assertEquals(Optional.empty(), a.decision(), "a accepted, b has not yet");
        tell(a, b);
        assertEquals(Optional.of(List.of(peer(1), peer(2))), b.decision(), "b learns: a and b accepted");
        tell(b, a);
        assertEquals(Optional.of(List.of(peer(1), peer(2))), a.decision());
        tell(a, c);
        assertEquals(Optional.of(List.of(peer(1), peer(2))), c.decision(), "a latecomer learns the same value");
    }

    @Test
    void aLaterProposerCarriesTheValueAlreadyAccepted() {
        Paxos a = node(1, 2);
        Paxos b = node(2, 2);
        Paxos c = node(3, 2);
        a.propose();
        a.think();
        tell(a, b);
        tell(b, a); // a accepts [1, 2]; b does not know yet
        tell(a, c); // c knows a accepted
        c.propose();
        c.think();
        tell(c, b);
        tell(b, c);
        tell(c, b);
        tell(b, c);
        assertEquals(Optional.of(List.of(peer(1), peer(2))), c.decision(), "c's proposal carried a's value");
    }

    /**
     * Random schedules over a lossy, reordering network: every node that decides decides the same value.
     * Proposers renew their proposals at random (duelling proposers); some nodes restart as new acceptors.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void neverTwoDecisions(long seed) {
        Random random = new Random(seed);
        int n = 3 + random.nextInt(5);
        int quorum = n / 2 + 1;
        List<Paxos> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(node(i, quorum));
        }
        Set<List<PeerName>> decided = new HashSet<>();
        long uid = 1_000_000;
        for (int step = 0; step < 3000; step++) {
            int roll = random.nextInt(100);
            Paxos x = nodes.get(random.nextInt(n));
            if (roll < 5) {
                x.propose();
                x.think();
            } else if (roll < 6 && random.nextInt(4) == 0) {
                int i = nodes.indexOf(x);
                Paxos fresh = new Paxos(new Paxos.NodeId(peer(i), uid++), quorum);
                nodes.set(i, fresh); // forgets everything; its old self's state lives on in others' knowledge
            } else if (roll < 85) {
                tell(x, nodes.get(random.nextInt(n)));
            }
            for (Paxos node : nodes) {
                node.decision().ifPresent(decided::add);
            }
            assertTrue(decided.size() <= 1, "seed " + seed + " step " + step + ": two decisions " + decided);
        }
        for (int round = 0; round < 4 * n; round++) {
            for (Paxos from : nodes) {
                for (Paxos to : nodes) {
                    tell(from, to);
                }
            }
            nodes.get(round % n).propose();
        }
        for (Paxos node : nodes) {
            node.decision().ifPresent(decided::add);
        }
        assertEquals(1, decided.size(), "seed " + seed + ": a connected cluster decides once: " + decided);
    }

    @Test
    void mergeKeepsTheLaterStateOfEachAcceptorAndNeverOurs() {
        Paxos a = node(1, 3);
        Paxos b = node(2, 3);
        b.propose();
        b.think();
        assertTrue(a.merge(b.knowledge()));
        assertFalse(a.merge(b.knowledge()), "nothing new the second time");
        Paxos forged = node(2, 3);
        assertFalse(a.merge(forged.knowledge()), "an older state of b does not replace what a knows");
    }
}
