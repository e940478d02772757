package dev.weft.weaveutil.model;

/** A Linux bridge ({@code ip link add NAME type bridge}). */
public record Bridge(LinkAttrs attrs) implements Link {
    @Override
    public String kind() {
        return "bridge";
    }
}
