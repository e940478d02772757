package dev.weft.router.identity;

/** Who this router is in the mesh: its peer name and its human-friendly nickname. */
public record PeerIdentity(PeerName name, String nickname) {

    /** As the status shows it: {@code 8a:3e:3e:3e:3e:3e(host1)}. */
    public String display() {
        return name + "(" + nickname + ")";
    }
}
