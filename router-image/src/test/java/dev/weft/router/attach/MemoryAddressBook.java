package dev.weft.router.attach;

import dev.weft.router.api.ClientLink;
import dev.weft.router.api.ContainerLiveness;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny IPAM for tests: lowest free address per subnet, owners per address, liveness checks. */
final class MemoryAddressBook implements AddressBook {
    private final Cidr defaultSubnet;
    private final ContainerLiveness liveness;
    final Map<Cidr, String> owners = new LinkedHashMap<>();

    MemoryAddressBook(Cidr defaultSubnet, ContainerLiveness liveness) {
        this.defaultSubnet = defaultSubnet;
        this.liveness = liveness;
    }

    @Override
    public synchronized Cidr allocate(String ownerId, Cidr subnet, boolean checkAlive, ClientLink caller) {
        Cidr in = subnet == null ? defaultSubnet : subnet;
        checkAlive(ownerId, checkAlive);
        for (Map.Entry<Cidr, String> e : owners.entrySet()) {
            if (e.getValue().equals(ownerId) && e.getKey().prefixLength() == in.prefixLength() && in.contains(e.getKey().address())) {
                return e.getKey();
            }
        }
        for (long i = 1; i < in.size() - 1; i++) {
            Cidr candidate = Cidr.of(in.first().plus(i), in.prefixLength());
            if (!owners.containsKey(candidate)) {
                owners.put(candidate, ownerId);
                return candidate;
            }
        }
        throw new AddressBookException(AddressBookException.Reason.INVALID, "no free address in " + in);
    }

    @Override
    public synchronized void claim(String ownerId, Cidr cidr, boolean checkAlive, ClientLink caller) {
        checkAlive(ownerId, checkAlive);
        String owner = owners.get(cidr);
        if (owner != null && !owner.equals(ownerId)) {
            throw new AddressBookException(AddressBookException.Reason.IN_USE,
                    "address " + cidr.address() + " already in use by " + owner);
        }
        owners.put(cidr, ownerId);
    }

    @Override
    public synchronized void release(String ownerId, Ipv4 ip) {
        owners.entrySet().removeIf(e -> e.getValue().equals(ownerId) && e.getKey().address().equals(ip));
    }

    @Override
    public synchronized List<Cidr> owned(String ownerId, Cidr subnet) {
        List<Cidr> out = new ArrayList<>();
        owners.forEach((cidr, owner) -> {
            if (owner.equals(ownerId) && (subnet == null || subnet.contains(cidr.address()))) {
                out.add(cidr);
            }
        });
        return out;
    }

    @Override
    public Cidr defaultSubnet() {
        return defaultSubnet;
    }

    private void checkAlive(String ownerId, boolean checkAlive) {
        if (checkAlive && !liveness.isRunning(ownerId)) {
            throw new AddressBookException(AddressBookException.Reason.CANCELLED, "cancelled");
        }
    }
}
