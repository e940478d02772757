package dev.weft.router.crash;

import dev.weft.router.ipam.Ipam;
import dev.weft.router.ipam.IpamConfig;
import dev.weft.router.ipam.IpamException;
import dev.weft.router.ipam.Owner;
import dev.weft.router.identity.PeerName;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The process {@link IpamCrashTest} kills: opens IPAM on a data file and mixes allocations, claims,
 * frees and deletes forever. Before each operation it logs {@code B <seq> <op> <id> [<arg>]}, and
 * once IPAM has answered, {@code E <seq> ok [<result>]} or {@code E <seq> fail <message>}.
 *
 * <p>The log is a file written line by line with plain {@code write} calls, which the kernel keeps
 * when the process is killed. (Standard output is no good for this: the JDK drains a dead child's
 * pipe and can drop its last lines, which made the check see changes nobody was told about.)
 */
public final class CrashWorker {
    static final String RANGE = "10.0.0.0/22";
    static final PeerName NAME = PeerName.parse("aa:00:00:00:00:01");
    static final int MAX_HELD = 700;

    private static FileOutputStream log;

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        String prefix = args[2];
        log = new FileOutputStream(args[3]);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Store store = Store.open(file);
        Ipam ipam = Ipam.create(IpamConfig.fromFlags(RANGE, null, "", NAME, "crash", 0), store, id -> true,
                Clock.systemUTC(), scheduler);
        Cidr range = Cidr.parse(RANGE);
        System.out.println("READY");
        for (long seq = 0; ; seq++) {
            Map<String, Owner> owners = ipam.owners();
            long held = owners.values().stream().mapToLong(o -> o.cidrs().size()).sum();
            int roll = held > MAX_HELD ? 70 + random.nextInt(30) : random.nextInt(100);
            List<String> ids = new ArrayList<>(owners.keySet());
            try {
                if (roll < 45 || ids.isEmpty()) {
                    String id = random.nextInt(10) == 0 ? "_" : prefix + "-a" + seq;
                    begin(seq, "alloc", id, "");
                    ok(seq, ipam.allocate(id, range, false).await().toString());
                } else if (roll < 60) {
                    String address = random.nextInt(6) == 0 ? "192.168.0." + random.nextInt(256)
                            : new Ipv4(range.first().bits() + random.nextInt((int) range.size())).toString();
                    String id = random.nextBoolean() ? prefix + "-c" + seq : ids.get(random.nextInt(ids.size()));
                    String cidr = address + "/" + (address.startsWith("192") ? 24 : 22);
                    begin(seq, "claim", id, cidr);
                    ipam.claim(id, Cidr.parse(cidr), false, false).await();
                    ok(seq, "");
                } else if (roll < 85) {
                    String id = ids.get(random.nextInt(ids.size()));
                    List<Cidr> cidrs = owners.get(id).cidrs();
                    Ipv4 address = cidrs.get(random.nextInt(cidrs.size())).address();
                    begin(seq, "free", id, address.toString());
                    ipam.free(id, address);
                    ok(seq, "");
                } else {
                    String id = ids.get(random.nextInt(ids.size()));
                    begin(seq, "delete", id, "");
                    ipam.delete(id);
                    ok(seq, "");
                }
            } catch (IpamException e) {
                write("E " + seq + " fail " + e.getMessage());
            }
        }
    }

    private static void begin(long seq, String op, String id, String arg) throws IOException {
        write("B " + seq + " " + op + " " + id + (arg.isEmpty() ? "" : " " + arg));
    }

    private static void ok(long seq, String result) throws IOException {
        write("E " + seq + " ok" + (result.isEmpty() ? "" : " " + result));
    }

    private static void write(String line) throws IOException {
        log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
