package dev.weft.cli.commands;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.cli.Services;
import dev.weft.cli.WeaveException;
import dev.weft.cli.api.Params;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.model.CommandModel;
import java.io.IOException;
import java.util.Map;

/** {@code weave report [-f <template>]}: the router's full state as JSON, or rendered by a Go template. */
public final class Report extends WeaveCommand {

    String format;

    Report(Services services) {
        super(services);
    }

    @Override
    protected CommandModel declare() {
        return CommandModel.command(this, "report", "Print the router's report as JSON, or formatted by a Go template.")
                .option("-f --format", "TEMPLATE", "A Go text/template applied to the report, e.g. '{{.Router.Name}}'.",
                        v -> format = v);
    }

    @Override
    protected void execute() {
        if (format != null) {
            out().print(services.api().call(Listener.STATUS, "GET", "/report",
                    Params.of().add("format", format).map(), null));
            return;
        }
        String json = services.api().call(Listener.STATUS, "GET", "/report", Map.of(), "application/json");
        out().println(indent(json));
    }

    static String indent(String json) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode tree = mapper.readTree(json);
            // laid out as Go's json.MarshalIndent does: "key": value, empty [] and {}
            Separators separators = Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator("");
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                    .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("    ", "\n"));
            return mapper.writer(printer).writeValueAsString(tree);
        } catch (IOException e) {
            throw WeaveException.error("the router's report is not valid JSON: " + e.getMessage());
        }
    }
}
