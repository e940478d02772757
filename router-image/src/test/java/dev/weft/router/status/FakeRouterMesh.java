package dev.weft.router.status;

import dev.weft.router.mesh.MeshStatus;
import dev.weft.router.mesh.PeerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A mesh for status tests: targets checked like the real one's syntax check, canned peers and connections. */
final class FakeRouterMesh implements RouterMesh {

    private final List<String> targets = new ArrayList<>();
    List<MeshStatus.PeerStatus> peers = new ArrayList<>();
    List<MeshStatus.ConnectionStatus> connections = new ArrayList<>();
    boolean dataPlane = true;
    boolean running = true;

    @Override
    public Optional<MeshStatus> status() {
        if (!running) {
            return Optional.empty();
        }
        return Optional.of(new MeshStatus("8a:3e:3e:3e:3e:3e", "host1", 6783, 1, 2, false, true, List.copyOf(peers),
                List.of(), List.of(), List.copyOf(connections), targets(), 3, List.of(), dataPlane));
    }

    synchronized List<String> targets() {
        return List.copyOf(targets);
    }

    @Override
    public synchronized List<String> connect(List<String> peers, boolean replace) {
        List<String> problems = new ArrayList<>();
        if (replace) {
            targets.clear();
        }
        for (String p : peers) {
            String problem = PeerAddress.problemWith(p);
            if (problem == null) {
                targets.add(p);
            } else {
                problems.add(problem);
            }
        }
        return problems;
    }

    @Override
    public synchronized void forget(List<String> peers) {
        targets.removeAll(peers);
    }
}
