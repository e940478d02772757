package dev.weft.router.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A subset of Go's {@code text/template} evaluated over a JSON tree, for {@code weave report -f}:
 * field chains, variables, {@code if}/{@code else if}/{@code else}, {@code with}, {@code range},
 * pipelines, the comparison and logic built-ins, {@code len}, {@code index}, {@code print*},
 * {@code printf}, weave's {@code json}, comments and the {@code {{-}}/{@code -}}} trim markers.
 */
public final class GoTemplate {

    private final List<Node> nodes;

    private GoTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** @throws TemplateException with phase PARSE and a Go-style message */
    public static GoTemplate parse(String text) throws TemplateException {
        return new GoTemplate(Parser.parse(text));
    }

    /** @throws TemplateException with phase EXECUTE and a Go-style message */
    public String execute(JsonNode data) throws TemplateException {
        return Evaluator.run(nodes, data);
    }
}
