package dev.weft.router.ipam;

import dev.weft.weaveutil.addr.Cidr;
import java.util.ArrayList;
import java.util.List;

/** The addresses held by one owner id, and whether that id is a container (which can die). */
public record Owner(boolean isContainer, List<Cidr> cidrs) {
    public static final String EXPOSE = "weave:expose";
    public static final String EXTERN = "weave:extern";
    /** Requests with this id store the address under its own text. */
    public static final String NO_ID = "_";

    public Owner {
        cidrs = List.copyOf(cidrs);
    }

    /** Whether an id names a container, as opposed to the bridge, DNS-only entries or a bare address. */
    public static boolean isContainerId(String id) {
        return !id.equals(EXPOSE) && !id.equals(EXTERN) && !id.equals(NO_ID)
                && !dev.weft.weaveutil.addr.Ipv4.isValid(id);
    }

    public Owner plus(Cidr cidr) {
        List<Cidr> more = new ArrayList<>(cidrs);
        more.add(cidr);
        return new Owner(isContainer, more);
    }

    public Owner minus(Cidr cidr) {
        List<Cidr> fewer = new ArrayList<>(cidrs);
        fewer.remove(cidr);
        return new Owner(isContainer, fewer);
    }

    /** Text form for the store: {@code container|other} followed by the CIDRs. */
    public String encode() {
        StringBuilder sb = new StringBuilder(isContainer ? "container" : "other");
        cidrs.forEach(c -> sb.append(' ').append(c));
        return sb.toString();
    }

    public static Owner decode(String text) {
        String[] f = text.split(" ");
        if (!f[0].equals("container") && !f[0].equals("other")) {
            throw new IllegalArgumentException("malformed owner record: " + text);
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (int i = 1; i < f.length; i++) {
            cidrs.add(Cidr.parse(f[i]));
        }
        return new Owner(f[0].equals("container"), cidrs);
    }
}
