package dev.weft.router.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.router.ipam.Ipam;
import dev.weft.router.ipam.IpamConfig;
import dev.weft.router.ipam.Owner;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link CrashWorker} in its own JVM, kills it with SIGKILL at random moments, and checks after
 * each kill that the data file holds exactly what the worker was told (give or take the one operation
 * in flight at the kill) and that no address has two owners.
 */
class IpamCrashTest {
    /** Kills per run; raise it for a longer soak, e.g. {@code -Dweft.crash.rounds=100}. */
    static final int ROUNDS = Integer.getInteger("weft.crash.rounds", 8);

    @TempDir
    Path dir;

    /** What the store must hold: id → addresses. */
    final Map<String, TreeSet<String>> model = new TreeMap<>();

    @Test
    void killNineNeverLosesAnAnsweredChangeNorGivesAnAddressTwice() throws Exception {
        Path file = dir.resolve("weavedata.db");
        Random random = new Random();
        long seed = random.nextLong();
        int answeredTotal = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> lines = runAndKill(file, seed + round, "r" + round, 100 + random.nextInt(1200));
            answeredTotal += check(file, lines, "seed " + seed + " round " + round);
        }
        assertTrue(answeredTotal >= ROUNDS * 5, "the worker got some work done: " + answeredTotal + " operations");
    }

    private List<String> runAndKill(Path file, long seed, String prefix, long runMillis) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(prefix + ".log");
        Process process = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                CrashWorker.class.getName(), file.toString(), Long.toString(seed), prefix, log.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("READY", out.readLine(), "worker started");
            Thread.sleep(runMillis);
            process.destroyForcibly(); // SIGKILL on Linux
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, process.exitValue(), "killed by SIGKILL");
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** Replays the answered operations onto the model and compares it with the reopened store. */
    private int check(Path file, List<String> lines, String context) {
        Map<String, String> begun = new HashMap<>();
        String inFlight = null;
        int answered = 0;
        for (String line : lines) {
            String[] f = line.split(" ", 3);
            if (f[0].equals("B")) {
                begun.put(f[1], f[2]);
                inFlight = f[2];
            } else if (f[0].equals("E")) {
                String[] op = begun.get(f[1]).split(" ");
                String outcome = f[2];
                inFlight = null;
                answered++;
                if (outcome.startsWith("ok")) {
                    apply(op, outcome.length() > 3 ? outcome.substring(3) : null, context);
                }
            }
        }
        Map<String, TreeSet<String>> stored = readStore(file);
        assertNoAddressTwice(stored, context);
        if (!stored.equals(model)) {
            if (inFlight == null || !explainedBy(inFlight.split(" "), stored)) {
                fail(context + ": store differs from answered operations (in flight: " + inFlight + ")\n"
                        + difference(model, stored) + "\nlast lines: "
                        + lines.subList(Math.max(0, lines.size() - 6), lines.size()));
            }
        }
        model.clear();
        model.putAll(stored);
        return answered;
    }

    private void apply(String[] op, String result, String context) {
        String id = op[1];
        switch (op[0]) {
            case "alloc" -> {
                Cidr cidr = Cidr.parse(result);
                String owner = id.equals("_") ? cidr.address().toString() : id;
                String holder = holder(cidr.address().toString());
                assertTrue(holder == null || holder.equals(owner),
                        context + ": " + cidr + " given to " + owner + " while held by " + holder);
                model.computeIfAbsent(owner, k -> new TreeSet<>()).add(cidr.toString());
            }
            case "claim" -> model.computeIfAbsent(id, k -> new TreeSet<>()).add(op[2]);
            case "free" -> {
                TreeSet<String> cidrs = model.get(id);
                assertTrue(cidrs != null && cidrs.removeIf(c -> c.startsWith(op[2] + "/")),
                        context + ": freed " + op[2] + " that " + id + " did not hold");
                if (cidrs.isEmpty()) {
                    model.remove(id);
                }
            }
            case "delete" -> assertTrue(model.remove(id) != null, context + ": deleted unknown " + id);
            default -> fail("unknown op " + op[0]);
        }
    }

    /** The one operation in flight at the kill may or may not have reached the disk. */
    private boolean explainedBy(String[] op, Map<String, TreeSet<String>> stored) {
        Map<String, TreeSet<String>> expected = deepCopy(model);
        String id = op[1];
        switch (op[0]) {
            case "alloc" -> {
                Map<String, TreeSet<String>> extra = deepCopy(stored);
                // exactly one new address, for this id (or under its own text for "_")
                for (Map.Entry<String, TreeSet<String>> e : stored.entrySet()) {
                    TreeSet<String> before = model.getOrDefault(e.getKey(), new TreeSet<>());
                    TreeSet<String> added = new TreeSet<>(e.getValue());
                    added.removeAll(before);
                    if (added.size() == 1 && (e.getKey().equals(id) || id.equals("_"))) {
                        extra.get(e.getKey()).removeAll(added);
                        if (extra.get(e.getKey()).isEmpty()) {
                            extra.remove(e.getKey());
                        }
                        return extra.equals(model);
                    }
                }
                return false;
            }
            case "claim" -> expected.computeIfAbsent(id, k -> new TreeSet<>()).add(op[2]);
            case "free" -> {
                TreeSet<String> cidrs = expected.get(id);
                if (cidrs != null) {
                    cidrs.removeIf(c -> c.startsWith(op[2] + "/"));
                    if (cidrs.isEmpty()) {
                        expected.remove(id);
                    }
                }
            }
            case "delete" -> expected.remove(id);
            default -> {
                return false;
            }
        }
        return expected.equals(stored);
    }

    private static String difference(Map<String, TreeSet<String>> model, Map<String, TreeSet<String>> stored) {
        StringBuilder sb = new StringBuilder();
        TreeSet<String> ids = new TreeSet<>(model.keySet());
        ids.addAll(stored.keySet());
        for (String id : ids) {
            if (!java.util.Objects.equals(model.get(id), stored.get(id))) {
                sb.append(id).append(": answered ").append(model.get(id)).append(", stored ").append(stored.get(id))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private String holder(String address) {
        for (Map.Entry<String, TreeSet<String>> e : model.entrySet()) {
            for (String c : e.getValue()) {
                if (c.startsWith(address + "/")) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private static Map<String, TreeSet<String>> readStore(Path file) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Store store = Store.open(file);
             Ipam ipam = Ipam.create(IpamConfig.fromFlags(CrashWorker.RANGE, null, "", CrashWorker.NAME, "crash", 0),
                     store, id -> true, Clock.systemUTC(), scheduler)) {
            Map<String, TreeSet<String>> result = new TreeMap<>();
            for (Map.Entry<String, Owner> e : ipam.owners().entrySet()) {
                TreeSet<String> cidrs = new TreeSet<>();
                e.getValue().cidrs().forEach(c -> cidrs.add(c.toString()));
                result.put(e.getKey(), cidrs);
            }
            return result;
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static void assertNoAddressTwice(Map<String, TreeSet<String>> stored, String context) {
        Map<Ipv4, String> seen = new HashMap<>();
        stored.forEach((id, cidrs) -> cidrs.forEach(c -> {
            String before = seen.put(Cidr.parse(c).address(), id);
            assertNull(before, context + ": " + c + " held by both " + before + " and " + id);
        }));
    }

    private static Map<String, TreeSet<String>> deepCopy(Map<String, TreeSet<String>> map) {
        Map<String, TreeSet<String>> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
        return copy;
    }
}
