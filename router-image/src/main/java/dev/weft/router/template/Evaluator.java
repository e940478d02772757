package dev.weft.router.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs parsed nodes over a JSON tree, with Go's scoping of variables and dot. */
final class Evaluator {

    /** A variable binding; scopes are a stack that blocks unwind to their mark. */
    private record Binding(String name, JsonNode[] value) {}

    private final StringBuilder out = new StringBuilder();
    private final List<Binding> variables = new ArrayList<>();

    private Evaluator(JsonNode root) {
        variables.add(new Binding("$", new JsonNode[] {root}));
    }

    static String run(List<Node> nodes, JsonNode root) throws TemplateException {
        Evaluator evaluator = new Evaluator(root);
        evaluator.walk(nodes, root);
        return evaluator.out.toString();
    }

    private void walk(List<Node> nodes, JsonNode dot) throws TemplateException {
        int mark = variables.size();
        for (Node node : nodes) {
            if (node instanceof Node.Text text) {
                out.append(text.text());
            } else if (node instanceof Node.Action action) {
                JsonNode value = pipeline(action.pipeline(), dot, action.line(), action.source());
                if (action.pipeline().variables().isEmpty()) {
                    out.append(GoValues.print(value));
                }
            } else if (node instanceof Node.Conditional c) {
                conditional(c, dot);
            } else if (node instanceof Node.Range r) {
                range(r, dot);
            }
        }
        unwind(mark);
    }

    private void conditional(Node.Conditional c, JsonNode dot) throws TemplateException {
        int mark = variables.size();
        JsonNode value = pipeline(c.pipeline(), dot, c.line(), c.source());
        if (GoValues.truth(value)) {
            walk(c.then(), c.with() ? value : dot);
        } else {
            walk(c.otherwise(), dot);
        }
        unwind(mark);
    }

    private void range(Node.Range r, JsonNode dot) throws TemplateException {
        int mark = variables.size();
        Node.Pipeline p = r.pipeline();
        JsonNode value = pipeline(new Node.Pipeline(List.of(), false, p.commands()), dot, r.line(), r.source());
        List<Map.Entry<JsonNode, JsonNode>> items = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                items.add(Map.entry(LongNode.valueOf(i), value.get(i)));
            }
        } else if (value.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            value.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            sorted.forEach((k, v) -> items.add(Map.entry(TextNode.valueOf(k), v)));
        } else if (!GoValues.isNil(value)) {
            throw execError(r.line(), r.source(), "range can't iterate over " + GoValues.print(value));
        }
        if (items.isEmpty()) {
            walk(r.otherwise(), dot);
            return;
        }
        for (Map.Entry<JsonNode, JsonNode> item : items) {
            int itemMark = variables.size();
            List<String> names = p.variables();
            if (names.size() == 1) {
                variables.add(new Binding(names.get(0), new JsonNode[] {item.getValue()}));
            } else if (names.size() >= 2) {
                variables.add(new Binding(names.get(0), new JsonNode[] {item.getKey()}));
                variables.add(new Binding(names.get(1), new JsonNode[] {item.getValue()}));
            }
            walk(r.body(), item.getValue());
            unwind(itemMark);
        }
        unwind(mark);
    }

    private JsonNode pipeline(Node.Pipeline p, JsonNode dot, int line, String source) throws TemplateException {
        JsonNode value = null;
        for (Node.Command command : p.commands()) {
            value = command(command, dot, value, line, source);
        }
        for (String name : p.variables()) {
            if (p.declares()) {
                variables.add(new Binding(name, new JsonNode[] {value}));
            } else {
                lookup(name, line, source)[0] = value;
            }
        }
        return value;
    }

    private JsonNode command(Node.Command command, JsonNode dot, JsonNode piped, int line, String source)
            throws TemplateException {
        List<Node.Arg> args = command.args();
        Node.Arg head = args.get(0);
        if (head instanceof Node.Function f) {
            List<JsonNode> values = new ArrayList<>();
            for (Node.Arg a : args.subList(1, args.size())) {
                values.add(argument(a, dot, line, source));
            }
            if (piped != null) {
                values.add(piped);
            }
            try {
                return Functions.call(f.name(), values);
            } catch (Functions.EvalError e) {
                throw execError(line, source, e.getMessage());
            }
        }
        if (args.size() > 1 || piped != null) {
            throw execError(line, source, "can't give argument to non-function " + describe(head));
        }
        return argument(head, dot, line, source);
    }

    private JsonNode argument(Node.Arg arg, JsonNode dot, int line, String source) throws TemplateException {
        if (arg instanceof Node.Field f) {
            return fields(dot, f.chain(), line, source);
        }
        if (arg instanceof Node.Variable v) {
            return fields(lookup(v.name(), line, source)[0], v.chain(), line, source);
        }
        if (arg instanceof Node.Literal l) {
            return l.value();
        }
        if (arg instanceof Node.SubPipeline s) {
            return pipeline(s.pipeline(), dot, line, source);
        }
        throw execError(line, source, "can't use function " + ((Node.Function) arg).name() + " without calling it");
    }

    private JsonNode fields(JsonNode start, List<String> chain, int line, String source) throws TemplateException {
        JsonNode value = start;
        for (String name : chain) {
            if (GoValues.isNil(value)) {
                throw execError(line, source, "nil pointer evaluating ." + name);
            }
            if (!value.isObject()) {
                throw execError(line, source, "can't evaluate field " + name + " in type " + GoValues.typeName(value));
            }
            value = value.has(name) ? value.get(name) : MissingNode.getInstance();
        }
        return value;
    }

    private JsonNode[] lookup(String name, int line, String source) throws TemplateException {
        for (int i = variables.size() - 1; i >= 0; i--) {
            if (variables.get(i).name().equals(name)) {
                return variables.get(i).value();
            }
        }
        throw execError(line, source, "undefined variable: " + name);
    }

    private void unwind(int mark) {
        while (variables.size() > mark) {
            variables.remove(variables.size() - 1);
        }
    }

    private static String describe(Node.Arg arg) {
        if (arg instanceof Node.Field f) {
            return f.chain().isEmpty() ? "." : "." + String.join(".", f.chain());
        }
        if (arg instanceof Node.Variable v) {
            return v.name();
        }
        if (arg instanceof Node.Literal l) {
            return GoValues.print(l.value());
        }
        return "(pipeline)";
    }

    private static TemplateException execError(int line, String source, String message) {
        return new TemplateException(TemplateException.Phase.EXECUTE,
                "template: format:" + line + ": executing \"format\" at <" + source + ">: " + message);
    }
}
