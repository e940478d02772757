package dev.weft.weaveutil.model;

/**
 * A macvlan on a parent device ({@code ip link add NAME link PARENT type macvlan mode MODE}); the
 * parent is {@code attrs.parentIndex()}.
 */
public record Macvlan(LinkAttrs attrs, int mode) implements Link {
    public static final int MODE_PRIVATE = 1;
    public static final int MODE_VEPA = 2;
    public static final int MODE_BRIDGE = 4;
    public static final int MODE_PASSTHRU = 8;

    @Override
    public String kind() {
        return "macvlan";
    }
}
