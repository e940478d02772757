package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.addr.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Splits {@code --flag[=value]} options from positional arguments, wherever they appear. */
final class Arguments {
    final Map<String, String> flags = new TreeMap<>();
    final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

    static Arguments parse(List<String> args, List<String> knownFlags) {
        Arguments parsed = new Arguments();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                if (!knownFlags.contains(name)) {
                    throw new UsageException("unknown flag: " + arg);
                }
                parsed.flags.put(name, eq < 0 ? "" : arg.substring(eq + 1));
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    /** A boolean flag: absent = {@code absent}; {@code --x} or {@code --x=true} = true; {@code --x=false} = false. */
    boolean bool(String name, boolean absent) {
        String value = flags.get(name);
        if (value == null) {
            return absent;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new UsageException("invalid value for --" + name + ": " + value + " (true or false)");
    }

    int integer(String name, int absent) {
        String value = flags.get(name);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value for --" + name + ": " + value);
        }
    }

    static List<Cidr> cidrs(List<String> texts) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : texts) {
            cidrs.add(Cidr.parse(text));
        }
        return cidrs;
    }
}
