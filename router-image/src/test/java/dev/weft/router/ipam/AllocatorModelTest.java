package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of allocate, claim, free, delete and container death against a plain model of
 * who holds which address. After every step the allocator must agree with the model; an address is
 * never held twice, and allocation always returns the model's lowest free host address.
 */
class AllocatorModelTest {
    static final Cidr RANGE = Cidr.parse("10.0.0.0/26");
    static final List<Cidr> SUBNETS = List.of(RANGE, Cidr.parse("10.0.0.0/27"), Cidr.parse("10.0.0.32/28"));

    /** id → its addresses in the order recorded. */
    final Map<String, List<Cidr>> model = new LinkedHashMap<>();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void allocatorAgreesWithTheModel(long seed) {
        Random random = new Random(seed);
        try (Store store = Store.inMemory()) {
            Allocator allocator = new Allocator(
                    IpamConfig.fromFlags(RANGE.toString(), null, "", PeerName.parse("::1"), "h", 0), new IpamStore(store));
            for (int step = 0; step < 2000; step++) {
                String id = "c" + random.nextInt(25);
                switch (random.nextInt(10)) {
                    case 0, 1, 2, 3 -> allocate(allocator, id, SUBNETS.get(random.nextInt(SUBNETS.size())));
                    case 4, 5 -> claim(allocator, id, randomCidr(random));
                    case 6 -> free(allocator, id, random);
                    case 7 -> delete(allocator, id);
                    default -> {
                        allocator.containerDied(id, step);
                        allocator.releaseExpired(step + Allocator.DEATH_GRACE_MILLIS);
                        model.remove(id);
                    }
                }
                assertEquals(model.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                        cidrsOf(allocator.owners()), "step " + step);
                assertEquals(heldInRange(), allocator.snapshot().activeIps(), "step " + step);
            }
            assertNoAddressHeldTwice(allocator.owners());
        }
    }

    static Cidr randomCidr(Random random) {
        if (random.nextInt(8) == 0) {
            return Cidr.of(Ipv4.parse("192.168.0." + random.nextInt(4)), 24);
        }
        return Cidr.of(Ipv4.parse("10.0.0." + random.nextInt(64)), 26);
    }

    void allocate(Allocator allocator, String id, Cidr subnet) {
        CompletableFuture<Cidr> result = new CompletableFuture<>();
        allocator.allocate(id, subnet, result);
        Cidr existing = model.getOrDefault(id, List.of()).stream().filter(c -> subnet.contains(c.address()))
                .findFirst().orElse(null);
        if (existing != null) {
            assertEquals(existing.withPrefix(subnet.prefixLength()), result.join());
            return;
        }
        Long lowest = null;
        AddressRange hosts = AddressRange.hostsOf(subnet);
        for (long a = hosts.start(); a < hosts.end() && lowest == null; a++) {
            if (holder(AddressRange.ip(a)) == null) {
                lowest = a;
            }
        }
        if (lowest == null) {
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    result::join, "a full subnet on a peer alone is refused at once");
            assertTrue(e.getCause().getMessage().startsWith("no free IP address in " + subnet + ": all "),
                    e.getCause().getMessage());
            return;
        }
        Cidr given = result.join();
        assertEquals(Cidr.of(AddressRange.ip(lowest), subnet.prefixLength()), given);
        model.computeIfAbsent(id, k -> new ArrayList<>()).add(given);
    }

    void claim(Allocator allocator, String id, Cidr cidr) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        allocator.claim(id, cidr, false, result);
        String holder = holder(cidr.address());
        if (holder == null) {
            result.join();
            model.computeIfAbsent(id, k -> new ArrayList<>()).add(cidr);
        } else if (holder.equals(id)) {
            result.join();
        } else {
            String expected = RANGE.contains(cidr.address())
                    ? "address " + cidr.address() + " is already owned by " + holder
                    : "address " + cidr.address() + " already in use by " + holder;
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, result::join);
            assertEquals(expected, e.getCause().getMessage());
        }
    }

    void free(Allocator allocator, String id, Random random) {
        List<Cidr> held = model.getOrDefault(id, List.of());
        if (held.isEmpty() || random.nextInt(5) == 0) {
            Ipv4 address = Ipv4.parse("10.0.0." + random.nextInt(64));
            boolean holds = held.stream().anyMatch(c -> c.address().equals(address));
            if (!holds) {
                IpamException e = org.junit.jupiter.api.Assertions.assertThrows(IpamException.class,
                        () -> allocator.free(id, address));
                assertEquals("Free: address " + address + " not found for " + id, e.getMessage());
                return;
            }
        }
        Cidr victim = held.get(random.nextInt(held.size()));
        allocator.free(id, victim.address());
        held.remove(victim);
    }

    void delete(Allocator allocator, String id) {
        if (model.getOrDefault(id, List.of()).isEmpty()) {
            IpamException e = org.junit.jupiter.api.Assertions.assertThrows(IpamException.class, () -> allocator.delete(id));
            assertEquals("Delete: no addresses for " + id, e.getMessage());
        } else {
            allocator.delete(id);
            model.remove(id);
        }
    }

    String holder(Ipv4 address) {
        for (Map.Entry<String, List<Cidr>> e : model.entrySet()) {
            if (e.getValue().stream().anyMatch(c -> c.address().equals(address))) {
                return e.getKey();
            }
        }
        return null;
    }

    long heldInRange() {
        return model.values().stream().flatMap(List::stream).filter(c -> RANGE.contains(c.address())).count();
    }

    static Map<String, List<Cidr>> cidrsOf(Map<String, Owner> owners) {
        Map<String, List<Cidr>> result = new HashMap<>();
        owners.forEach((id, owner) -> result.put(id, owner.cidrs()));
        return result;
    }

    static void assertNoAddressHeldTwice(Map<String, Owner> owners) {
        Map<Ipv4, String> seen = new HashMap<>();
        owners.forEach((id, owner) -> owner.cidrs().forEach(c -> {
            String before = seen.put(c.address(), id);
            assertEquals(null, before, c.address() + " held by " + before + " and " + id);
        }));
    }
}
