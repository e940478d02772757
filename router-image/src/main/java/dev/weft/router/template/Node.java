package dev.weft.router.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The parsed form of a template. */
sealed interface Node {

    record Text(String text) implements Node {}

    record Action(int line, String source, Pipeline pipeline) implements Node {}

    /** {@code if} and {@code with} (which also moves dot to the value); {@code else if} nests in {@code otherwise}. */
    record Conditional(boolean with, int line, String source, Pipeline pipeline, List<Node> then,
                       List<Node> otherwise) implements Node {}

    record Range(int line, String source, Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {}

    /** Commands joined by {@code |}, optionally declaring ({@code :=}) or assigning ({@code =}) variables. */
    record Pipeline(List<String> variables, boolean declares, List<Command> commands) {}

    record Command(List<Arg> args) {}

    sealed interface Arg {}

    /** {@code .A.B} on dot; an empty chain is dot itself. */
    record Field(List<String> chain) implements Arg {}

    record Variable(String name, List<String> chain) implements Arg {}

    record Literal(JsonNode value) implements Arg {}

    record Function(String name) implements Arg {}

    record SubPipeline(Pipeline pipeline) implements Arg {}
}
