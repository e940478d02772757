package dev.weft.router.mesh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scale simulation at 200 routers (bench/mesh-scale also runs 1,000 and the original's gossip). */
class MeshScaleTest {

    @Test
    void aChangeAndAJoinReachTwoHundredPeersInLogarithmicRoundsWithBytesThatDoNotGrowWithTheMesh() {
        MeshScale.Result small = MeshScale.run(50, 3, 7, false);
        MeshScale.Result large = MeshScale.run(200, 3, 7, false);
        System.out.println(small.report());
        System.out.println(large.report());
        assertTrue(large.broadcastRounds() <= large.roundTarget(), large.report());
        assertTrue(large.gossipRounds() <= large.roundTarget(), large.report());
        // four times the peers: bytes per peer per change grow by far less than four times
        assertTrue(large.broadcastBytesPerPeer() < 1.5 * small.broadcastBytesPerPeer(), small.report() + "\n" + large.report());
        assertTrue(large.joinBytesPerPeer() < 2 * small.joinBytesPerPeer(), small.report() + "\n" + large.report());
        assertTrue(large.periodicBytesPerPeer() < 2 * small.periodicBytesPerPeer(), small.report() + "\n" + large.report());
    }
}
