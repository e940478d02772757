package dev.weft.cli.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request parameters in the order they were added; a name may repeat. */
public final class Params {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public static Params of() {
        return new Params();
    }

    public Params add(String name, String value) {
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    public Params addAll(String name, List<String> more) {
        more.forEach(value -> add(name, value));
        return this;
    }

    /** Adds {@code name=true} when the flag is set. */
    public Params flag(String name, boolean set) {
        return set ? add(name, "true") : this;
    }

    public Map<String, List<String>> map() {
        return values;
    }
}
