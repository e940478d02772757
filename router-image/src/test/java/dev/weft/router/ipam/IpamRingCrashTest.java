package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@link RingCrashWorker} (a peer whose space moves to and from another peer) with SIGKILL at
 * random moments and reopens its data file: the ring and the owners must agree (every held address in
 * a range the peer owns, every free count exact), every answered allocation must be there, and
 * nothing the peer told the other may be newer than what it stored. With the ring and the owners
 * written separately, as Weave Net did, a kill between the two writes breaks the first check.
 */
class IpamRingCrashTest {
    static final int ROUNDS = Integer.getInteger("weft.crash.rounds", 8);

    @TempDir
    Path dir;

    @Test
    void aKilledPeerComesBackWithARingThatAgreesWithItsOwnersAndWithWhatItTold() throws Exception {
        Path file = dir.resolve("weavedata.db");
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int answered = 0;
        int told = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String context = "seed " + seed + " round " + round;
            List<String> lines = runAndKill(file, seed + round, "r" + round, 150 + random.nextInt(1200));
            IpamPersistence.Snapshot stored = reopen(file);
            if (stored.ring() == null) {
                continue;
            }
            checkRingAgreesWithOwners(stored, context);
            answered += checkAnsweredAllocationsStored(lines, stored, context);
            told += checkNothingToldIsNewerThanStored(lines, stored, context);
        }
        assertTrue(answered > 0, "the worker got allocations answered: " + answered);
        assertTrue(told > 0, "and told the other peer about its ring: " + told);
    }

    private List<String> runAndKill(Path file, long seed, String prefix, long runMillis) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(prefix + ".log");
        Process process = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                RingCrashWorker.class.getName(), file.toString(), Long.toString(seed), prefix, log.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("READY", out.readLine(), "worker started");
            Thread.sleep(runMillis);
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, process.exitValue(), "killed by SIGKILL");
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    private static IpamPersistence.Snapshot reopen(Path file) {
        try (Store store = Store.open(file)) {
            return new IpamStore(store).load(RingCrashWorker.A, Cidr.parse(RingCrashWorker.RANGE));
        }
    }

    private static void checkRingAgreesWithOwners(IpamPersistence.Snapshot stored, String context) {
        Ring ring = stored.ring();
        Map<Long, Integer> usedPerToken = new HashMap<>();
        stored.owners().forEach((id, owner) -> owner.cidrs().forEach(cidr -> {
            long address = cidr.address().unsigned();
            if (!ring.contains(address)) {
                return;
            }
            if (!RingCrashWorker.A.equals(ring.owner(address))) {
                fail(context + ": " + id + " holds " + cidr + ", but the stored ring gives it to " + ring.owner(address)
                        + "\n" + ring);
            }
            usedPerToken.merge(ring.tokens().floorKey(address), 1, Integer::sum);
        }));
        ring.tokens().forEach((start, token) -> {
            if (token.owner().equals(RingCrashWorker.A)) {
                long expected = ring.rangeAt(start).size() - usedPerToken.getOrDefault(start, 0);
                assertEquals(expected, token.free(), context + ": free count of " + AddressRange.ip(start)
                        + " disagrees with the owners stored with it\n" + ring);
            }
        });
    }

    private static int checkAnsweredAllocationsStored(List<String> lines, IpamPersistence.Snapshot stored,
                                                      String context) {
        Map<String, String> begun = new HashMap<>();
        Map<String, String> held = new HashMap<>();
        int answered = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f[0].equals("B")) {
                begun.put(f[1], line);
            } else if (f[0].equals("E") && f[2].equals("ok")) {
                String[] op = begun.get(f[1]).split(" ");
                switch (op[2]) {
                    case "alloc" -> {
                        held.put(op[3], f[3]);
                        answered++;
                    }
                    case "claim" -> held.put(op[3], op[4]);
                    case "delete" -> held.remove(op[3]);
                    default -> fail("unknown op " + op[2]);
                }
            }
        }
        held.forEach((id, cidr) -> {
            Owner owner = stored.owners().get(id);
            boolean deletedInFlight = owner == null && lines.stream().anyMatch(l -> l.endsWith(" delete " + id));
            if (!deletedInFlight) {
                assertNotNull(owner, context + ": answered " + id + " → " + cidr + " is not stored");
                assertTrue(owner.cidrs().contains(Cidr.parse(cidr)), context + ": " + id + " stored as " + owner);
            }
        });
        return answered;
    }

    private static int checkNothingToldIsNewerThanStored(List<String> lines, IpamPersistence.Snapshot stored,
                                                         String context) {
        String last = null;
        int told = 0;
        for (String line : lines) {
            if (line.startsWith("S ")) {
                last = line;
                told++;
            }
        }
        if (last != null) {
            for (String token : last.substring(2).split(" ")) {
                String[] f = token.split(":", 2);
                long start = Long.parseLong(f[0]);
                long version = Long.parseLong(f[1].substring(f[1].lastIndexOf(':') + 1));
                Token kept = stored.ring().tokens().get(start);
                assertTrue(kept != null && kept.version() >= version, context + ": told the other peer version "
                        + version + " of " + AddressRange.ip(start) + " but stored " + kept);
            }
        }
        return told;
    }
}
