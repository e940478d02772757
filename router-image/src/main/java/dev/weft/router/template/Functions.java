package dev.weft.router.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The functions templates may call: Go's built-ins that make sense on JSON, plus weave's {@code json}. */
final class Functions {

    private static final Set<String> NAMES = Set.of(
            "and", "or", "not", "len", "index", "print", "printf", "println", "eq", "ne", "lt", "le", "gt", "ge", "json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Functions() {}

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    static JsonNode call(String name, List<JsonNode> args) throws EvalError {
        switch (name) {
            case "and":
                atLeast(name, args, 1);
                for (JsonNode a : args) {
                    if (!GoValues.truth(a)) {
                        return a;
                    }
                }
                return args.get(args.size() - 1);
            case "or":
                atLeast(name, args, 1);
                for (JsonNode a : args) {
                    if (GoValues.truth(a)) {
                        return a;
                    }
                }
                return args.get(args.size() - 1);
            case "not":
                exactly(name, args, 1);
                return BooleanNode.valueOf(!GoValues.truth(args.get(0)));
            case "len":
                exactly(name, args, 1);
                return LongNode.valueOf(length(args.get(0)));
            case "index":
                atLeast(name, args, 1);
                return index(args);
            case "print":
                return TextNode.valueOf(print(args, false));
            case "println":
                return TextNode.valueOf(print(args, true) + "\n");
            case "printf":
                atLeast(name, args, 1);
                if (!args.get(0).isTextual()) {
                    throw new EvalError("wrong type for value; expected string; got " + GoValues.typeName(args.get(0)));
                }
                return TextNode.valueOf(GoPrintf.format(args.get(0).textValue(), args.subList(1, args.size())));
            case "json":
                exactly(name, args, 1);
                return TextNode.valueOf(json(args.get(0)));
            default:
                return compare(name, args);
        }
    }

    private static long length(JsonNode v) throws EvalError {
        if (GoValues.isNil(v)) {
            throw new EvalError("error calling len: len of nil pointer");
        }
        if (v.isTextual()) {
            return v.textValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.isContainerNode()) {
            return v.size();
        }
        throw new EvalError("error calling len: len of type " + GoValues.typeName(v));
    }

    private static JsonNode index(List<JsonNode> args) throws EvalError {
        JsonNode item = args.get(0);
        for (JsonNode key : args.subList(1, args.size())) {
            if (item.isArray() && key.isIntegralNumber()) {
                int i = key.intValue();
                if (i < 0 || i >= item.size()) {
                    throw new EvalError("error calling index: index out of range: " + i);
                }
                item = item.get(i);
            } else if (item.isObject() && key.isTextual()) {
                item = item.has(key.textValue()) ? item.get(key.textValue()) : NullNode.getInstance();
            } else {
                throw new EvalError("error calling index: cannot index " + GoValues.typeName(item) + " with "
                        + GoValues.typeName(key));
            }
        }
        return item;
    }

    /** Go's Sprint puts spaces between operands when neither is a string; Sprintln always does. */
    private static String print(List<JsonNode> args, boolean line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            boolean space = line ? i > 0 : i > 0 && !args.get(i).isTextual() && !args.get(i - 1).isTextual();
            if (space) {
                out.append(' ');
            }
            out.append(GoValues.print(args.get(i)));
        }
        return out.toString();
    }

    /** Compact JSON as Go's encoding/json writes it (HTML-sensitive characters escaped). */
    static String json(JsonNode v) throws EvalError {
        try {
            return JSON.writeValueAsString(v.isMissingNode() ? NullNode.getInstance() : v)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new EvalError("error calling json: " + e.getOriginalMessage());
        }
    }

    private static JsonNode compare(String op, List<JsonNode> args) throws EvalError {
        atLeast(op, args, 2);
        JsonNode a = args.get(0);
        if (op.equals("eq")) {
            for (JsonNode b : args.subList(1, args.size())) {
                if (order(op, a, b) == 0) {
                    return BooleanNode.TRUE;
                }
            }
            return BooleanNode.FALSE;
        }
        exactly(op, args, 2);
        int c = order(op, a, args.get(1));
        boolean result = switch (op) {
            case "ne" -> c != 0;
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "gt" -> c > 0;
            default -> c >= 0;
        };
        return BooleanNode.valueOf(result);
    }

    private static int order(String op, JsonNode a, JsonNode b) throws EvalError {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (a.isTextual() && b.isTextual()) {
            return Integer.signum(a.textValue().compareTo(b.textValue()));
        }
        boolean equalityOnly = op.equals("eq") || op.equals("ne");
        if (equalityOnly && a.isBoolean() && b.isBoolean()) {
            return a.booleanValue() == b.booleanValue() ? 0 : 1;
        }
        if (equalityOnly && GoValues.isNil(a) && GoValues.isNil(b)) {
            return 0;
        }
        throw new EvalError("error calling " + op + ": incompatible types for comparison");
    }

    private static void exactly(String name, List<JsonNode> args, int n) throws EvalError {
        if (args.size() != n) {
            throw new EvalError("wrong number of args for " + name + ": want " + n + " got " + args.size());
        }
    }

    private static void atLeast(String name, List<JsonNode> args, int n) throws EvalError {
        if (args.size() < n) {
            throw new EvalError("wrong number of args for " + name + ": want at least " + n + " got " + args.size());
        }
    }

    /** An execution failure before the position is known; the evaluator adds where it happened. */
    static final class EvalError extends Exception {
        EvalError(String message) {
            super(message);
        }
    }
}
