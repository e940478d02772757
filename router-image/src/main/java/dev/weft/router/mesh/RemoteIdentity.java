package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.PeerEntry;
import java.util.Map;

/**
 * Who is at the other end, from the features it sent in the handshake (SPEC §7.2).
 *
 * @param shortId {@link PeerEntry#NO_SHORT_ID} when the peer sent none
 * @param connId  the remote half of the connection's UID
 * @param trusts  whether the remote trusts this peer's address (it is in its trusted subnets)
 */
public record RemoteIdentity(PeerName name, String nickname, long uid, int shortId, long connId, boolean trusts,
                             Map<String, String> features) {

    public static final String FLAVOUR = "mac";

    public static RemoteIdentity parse(Map<String, String> features) throws MeshException {
        for (String required : new String[] {"PeerNameFlavour", "Name", "NickName", "UID", "ConnID"}) {
            if (!features.containsKey(required)) {
                throw bad("field " + required + " is missing");
            }
        }
        if (!FLAVOUR.equals(features.get("PeerNameFlavour"))) {
            throw bad("peer name flavour mismatch (ours: 'mac', theirs: '" + features.get("PeerNameFlavour") + "')");
        }
        PeerName name;
        try {
            name = PeerName.parse(features.get("Name"));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        long uid = unsigned("UID", features.get("UID"));
        if (uid == 0) {
            throw bad("UID 0 is reserved");
        }
        long connId = unsigned("ConnID", features.get("ConnID"));
        int shortId = PeerEntry.NO_SHORT_ID;
        if (features.containsKey("ShortID")) {
            long id = unsigned("ShortID", features.get("ShortID"));
            if (id >= PeerEntry.SHORT_ID_LIMIT) {
                throw bad("ShortID " + id + " is over 12 bits");
            }
            shortId = (int) id;
        }
        boolean trusts = false;
        if (features.containsKey("Trusted")) {
            String t = features.get("Trusted");
            if (!t.equals("true") && !t.equals("false")) {
                throw bad("Trusted must be true or false, not '" + t + "'");
            }
            trusts = Boolean.parseBoolean(t);
        }
        return new RemoteIdentity(name, features.get("NickName"), uid, shortId, connId, trusts, Map.copyOf(features));
    }

    private static long unsigned(String field, String value) throws MeshException {
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw bad(field + " is not a number: '" + value + "'");
        }
    }

    private static MeshException bad(String what) {
        return MeshException.retryable("bad handshake from the remote peer: " + what);
    }

    public String display() {
        return name + "(" + nickname + ")";
    }
}
