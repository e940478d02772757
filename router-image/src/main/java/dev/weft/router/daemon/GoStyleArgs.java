package dev.weft.router.daemon;

import java.util.ArrayList;
import java.util.List;

/** Go's flag package also accepts {@code -name value}; picocli wants {@code --name}. Single-letter options stay. */
final class GoStyleArgs {

    private GoStyleArgs() {}

    static String[] normalise(String[] args) {
        List<String> out = new ArrayList<>(args.length);
        boolean optionsEnded = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                optionsEnded = true;
            }
            boolean goLong = !optionsEnded && arg.length() > 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-'
                    && Character.isLetter(arg.charAt(1)) && !(arg.length() > 2 && arg.charAt(2) == '=');
            out.add(goLong ? "-" + arg : arg);
        }
        return out.toArray(new String[0]);
    }
}
