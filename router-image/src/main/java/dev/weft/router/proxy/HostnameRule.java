package dev.weft.router.proxy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the proxy turns a container's name into its host name (SPEC §9.2 step 4): the {@code name}
 * of the create call, or the value of the label {@code --hostname-from-label} when it has one, then
 * every match of {@code --hostname-match} replaced by {@code --hostname-replacement}. The pattern
 * and the replacement follow Go's regexp conventions as the original's flags did: {@code (?P<n>...)}
 * groups, {@code $1}, {@code ${1}}, {@code $name}, {@code $$}; an unknown group expands to nothing,
 * and an empty match right after a match is not replaced.
 */
public final class HostnameRule {
    public static final HostnameRule DEFAULT = new HostnameRule("", "(.*)", "$1");

    private final String fromLabel;
    private final Pattern match;
    private final String replacement;

    /** @throws IllegalArgumentException naming the flag when the pattern does not compile */
    public HostnameRule(String fromLabel, String match, String replacement) {
        this.fromLabel = fromLabel == null ? "" : fromLabel;
        try {
            this.match = Pattern.compile(match.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--hostname-match " + match + ": " + e.getDescription());
        }
        this.replacement = replacement;
    }

    /** @param labels the container's labels (may be null) */
    public String hostname(String name, Map<String, String> labels) {
        String base = name == null ? "" : name;
        if (!fromLabel.isEmpty() && labels != null) {
            String label = labels.get(fromLabel);
            if (label != null && !label.isEmpty()) {
                base = label;
            }
        }
        return replaceAll(base);
    }

    String replaceAll(String input) {
        Matcher m = match.matcher(input);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int lastMatchEnd = -1;
        while (m.find()) {
            if (m.start() == m.end() && m.start() == lastMatchEnd) {
                continue;
            }
            out.append(input, copied, m.start());
            expand(m, out);
            copied = m.end();
            lastMatchEnd = m.end();
        }
        out.append(input, copied, input.length());
        return out.toString();
    }

    private void expand(Matcher m, StringBuilder out) {
        String t = replacement;
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < t.length() && t.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int nameStart;
            int nameEnd;
            int next;
            if (i + 1 < t.length() && t.charAt(i + 1) == '{') {
                nameStart = i + 2;
                nameEnd = t.indexOf('}', nameStart);
                if (nameEnd < 0 || nameEnd == nameStart || !isName(t, nameStart, nameEnd)) {
                    out.append('$');
                    i++;
                    continue;
                }
                next = nameEnd + 1;
            } else {
                nameStart = i + 1;
                nameEnd = nameStart;
                while (nameEnd < t.length() && isNameChar(t.charAt(nameEnd))) {
                    nameEnd++;
                }
                if (nameEnd == nameStart) {
                    out.append('$');
                    i++;
                    continue;
                }
                next = nameEnd;
            }
            out.append(group(m, t.substring(nameStart, nameEnd)));
            i = next;
        }
    }

    private static String group(Matcher m, String name) {
        try {
            String value = name.chars().allMatch(Character::isDigit)
                    ? (name.length() > 9 || Integer.parseInt(name) > m.groupCount() ? null : m.group(Integer.parseInt(name)))
                    : m.group(name);
            return value == null ? "" : value;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean isName(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isNameChar(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }
}
