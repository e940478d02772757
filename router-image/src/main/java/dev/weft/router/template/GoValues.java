package dev.weft.router.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** How Go's templates see JSON values: truth, printing with {@code %v}, comparison. */
final class GoValues {

    private GoValues() {}

    static boolean isNil(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    /** Go's notion of "true": non-zero, non-empty, non-nil. */
    static boolean truth(JsonNode v) {
        if (isNil(v)) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0;
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        return v.size() > 0;
    }

    /** {@code %v}: strings bare, arrays {@code [a b]}, objects {@code {v1 v2}} like Go structs. */
    static String print(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "<no value>";
        }
        if (v.isNull()) {
            return "<nil>";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return formatFloat(v.doubleValue());
        }
        if (v.isBoolean()) {
            return String.valueOf(v.booleanValue());
        }
        List<String> parts = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(e -> parts.add(print(e)));
            return "[" + String.join(" ", parts) + "]";
        }
        Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            parts.add(print(fields.next().getValue()));
        }
        return "{" + String.join(" ", parts) + "}";
    }

    static String formatFloat(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21) {
            return String.valueOf((long) d);
        }
        return String.valueOf(d);
    }

    static String typeName(JsonNode v) {
        if (isNil(v)) {
            return "nil";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "int";
        }
        if (v.isNumber()) {
            return "float64";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        return v.isArray() ? "slice" : "map";
    }
}
