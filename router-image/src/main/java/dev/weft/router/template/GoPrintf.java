package dev.weft.router.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The common verbs of Go's {@code fmt.Sprintf} (%v %s %d %q %t %x %X %f %e %g %%) with flags and width. */
final class GoPrintf {

    private GoPrintf() {}

    static String format(String format, List<JsonNode> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int specStart = i;
            while (i < format.length() && "+-# 0123456789.".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            String flags = format.substring(specStart, i);
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argIndex >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            out.append(one(flags, verb, args.get(argIndex++)));
        }
        if (argIndex < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argIndex; k < args.size(); k++) {
                out.append(k > argIndex ? ", " : "").append(GoValues.typeName(args.get(k))).append('=')
                        .append(GoValues.print(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String one(String flags, char verb, JsonNode arg) {
        String javaFlags = flags.replace("#", "");
        switch (verb) {
            case 'v':
            case 's':
                return String.format("%" + stringFlags(javaFlags) + "s", GoValues.print(arg));
            case 'q':
                return String.format("%" + stringFlags(javaFlags) + "s", quote(GoValues.print(arg)));
            case 't':
                return arg.isBoolean() ? String.format("%" + stringFlags(javaFlags) + "s", arg.booleanValue())
                        : bad(verb, arg);
            case 'd':
                return arg.isIntegralNumber() ? String.format("%" + javaFlags + "d", arg.longValue()) : bad(verb, arg);
            case 'x':
            case 'X':
                if (arg.isIntegralNumber()) {
                    return String.format("%" + javaFlags + verb, arg.longValue());
                }
                if (arg.isTextual()) {
                    StringBuilder hex = new StringBuilder();
                    for (byte b : arg.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        hex.append(String.format(verb == 'x' ? "%02x" : "%02X", b));
                    }
                    return String.format("%" + stringFlags(javaFlags) + "s", hex);
                }
                return bad(verb, arg);
            case 'f':
            case 'e':
            case 'g':
                if (!arg.isNumber()) {
                    return bad(verb, arg);
                }
                String spec = javaFlags.contains(".") || verb == 'g' ? javaFlags : javaFlags + ".6";
                return String.format("%" + spec + verb, arg.doubleValue());
            default:
                return bad(verb, arg);
        }
    }

    /** Java's %s accepts only the '-' flag before width and precision. */
    private static String stringFlags(String flags) {
        int widthStart = 0;
        while (widthStart < flags.length() && "+- 0".indexOf(flags.charAt(widthStart)) >= 0) {
            widthStart++;
        }
        String leading = flags.substring(0, widthStart).contains("-") ? "-" : "";
        return leading + flags.substring(widthStart);
    }

    private static String bad(char verb, JsonNode arg) {
        return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.print(arg) + ")";
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
