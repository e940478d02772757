package dev.weft.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.cli.testing.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private final Cli cli = new Cli();

    @Test
    void jsonIsIndentedByFourSpaces() {
        cli.api.answer("GET /report", 200,
                "{\"Ready\":true,\"Router\":{\"Name\":\"8a:3e\",\"Peers\":[1,2],\"Targets\":[],\"Attrs\":{}}}");
        Cli.Result result = cli.run("report");
        assertEquals(0, result.status());
        assertEquals("{\n    \"Ready\": true,\n    \"Router\": {\n        \"Name\": \"8a:3e\",\n"
                + "        \"Peers\": [\n            1,\n            2\n        ],\n        \"Targets\": [],\n"
                + "        \"Attrs\": {}\n    }\n}\n", result.out());
        assertEquals("application/json", cli.api.requests().get(0).accept());
    }

    @Test
    void templateIsRenderedByTheRouter() {
        cli.api.answer("GET /report", 200, "8a:3e");
        Cli.Result result = cli.run("report", "-f", "{{.Router.Name}}");
        assertEquals(0, result.status());
        assertEquals("8a:3e", result.out());
        assertEquals(Map.of("format", List.of("{{.Router.Name}}")), cli.api.requests().get(0).params());
    }

    @Test
    void badTemplateShowsTheRoutersError() {
        cli.api.answer("GET /report", 400, "template: unexpected \"}\" in operand\n");
        Cli.Result result = cli.run("report", "-f", "{{.Router.Name}");
        assertEquals(1, result.status());
        assertEquals("weave: template: unexpected \"}\" in operand\n", result.err());
    }

    @Test
    void formatNeedsAValue() {
        Cli.Result result = cli.run("report", "-f");
        assertEquals(1, result.status());
        assertEquals("weave: Missing required parameter for option '--format' (TEMPLATE). See 'weave report --help'.\n",
                result.err());
    }
}
