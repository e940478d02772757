package dev.weft.weaveutil.netlink;

/** The kernel's rules for interface names: 1 to 15 bytes, no '/', ':' or whitespace. */
public final class LinkNames {
    public static final int MAX_LENGTH = 15;

    private LinkNames() {
    }

    public static String requireValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c) || c > 126)) {
            throw new IllegalArgumentException("invalid interface name: \"" + name + "\" (1-" + MAX_LENGTH
                    + " characters, no '/', ':' or spaces)");
        }
        return name;
    }
}
