package dev.weft.cli.docs;

import dev.weft.cli.Weave;
import dev.weft.cli.testing.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Renders the shell completions and the man pages (asciidoc) from the picocli model of {@code weave}.
 * The build runs it into {@code target/generated-docs}; given the repository root it rewrites the
 * committed {@code completions/} and {@code man/}.
 */
public final class GenerateDocs {
    public static final String REGENERATE =
            "mvn -B -q -pl weave-cli -am process-test-classes -Dweft.docs.out=\"$PWD\" (from the repository root)";

    private GenerateDocs() {
    }

    /** Every generated file, by its path relative to the output root. */
    public static Map<String, String> render() {
        CommandLine weave = Weave.commandLine(new Cli().services(), false);
        Map<String, String> files = new TreeMap<>();
        String completion = AutoComplete.bash("weave", weave);
        files.put("completions/weave.bash", completion);
        files.put("completions/weave.zsh", "# zsh: source this file from ~/.zshrc (it enables bashcompinit)\n"
                + completion);
        addManPages(weave, files);
        return files;
    }

    private static void addManPages(CommandLine command, Map<String, String> files) {
        StringWriter page = new StringWriter();
        try (PrintWriter writer = new PrintWriter(page)) {
            ManPageGenerator.writeSingleManPage(writer, command.getCommandSpec());
        }
        String name = command.getCommandSpec().qualifiedName("-");
        files.put("man/" + name + ".adoc", page.toString());
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                addManPages(sub, files);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "target/generated-docs");
        for (Map.Entry<String, String> file : render().entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
