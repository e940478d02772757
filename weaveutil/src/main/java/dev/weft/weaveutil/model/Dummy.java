package dev.weft.weaveutil.model;

/** A dummy interface ({@code ip link add NAME type dummy}). */
public record Dummy(LinkAttrs attrs) implements Link {
    @Override
    public String kind() {
        return "dummy";
    }
}
