package dev.weft.router.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.router.bridge.WeaveBridge;
import dev.weft.router.docker.ContainerInfo;
import dev.weft.router.docker.Containers;
import dev.weft.router.docker.FakeContainers;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.plumbing.AttachOptions;
import dev.weft.weaveutil.plumbing.FakePlumbing;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PsServiceTest {
    private final FakeContainers containers = new FakeContainers();
    private final FakePlumbing plumbing = new FakePlumbing();

    PsServiceTest() {
        plumbing.ensureBridge("weave", 1376, null);
    }

    private void attached(int n) {
        String id = String.valueOf(n).repeat(64);
        containers.add(FakeContainers.running(id, "c" + n, 100 + n));
        plumbing.addContainer(100 + n);
        plumbing.attachContainer(100 + n, "weave", List.of(Cidr.parse("10.32.0." + n + "/12")),
                AttachOptions.defaults());
    }

    /** Inspects that wait until {@code parties} of them are in progress at once. */
    private record Together(Containers containers, CyclicBarrier barrier) implements Containers {
        @Override
        public Optional<ContainerInfo> inspect(String nameOrId) {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the inspects were not made at the same time", e);
            }
            return containers.inspect(nameOrId);
        }

        @Override
        public List<String> runningIds() {
            return containers.runningIds();
        }
    }

    @Test
    void containersAreLookedUpAtTheSameTimeAndListedInTheOrderAsked() {
        for (int n = 1; n <= PsService.LOOKUPS; n++) {
            attached(n);
        }
        Containers together = new Together(containers, new CyclicBarrier(PsService.LOOKUPS));
        PsService ps = new PsService(together, plumbing, new WeaveBridge(plumbing, null, "weave", 1376,
                "8a:3e:3e:3e:3e:3e"));

        List<String> lines = ps.ps(List.of("c3", "c1", "c4", "c2")).lines().toList();

        assertEquals(List.of("333333333333", "111111111111", "444444444444", "222222222222"),
                lines.stream().map(line -> line.split(" ")[0]).toList());
        assertEquals("10.32.0.3/12", lines.get(0).split(" ")[2]);
    }
}
