package dev.weft.router.template;

import java.util.ArrayList;
import java.util.List;

/** Splits the inside of one action into tokens. */
final class ActionLexer {

    private final String text;
    private final int line;
    private int pos;

    private ActionLexer(String text, int line) {
        this.text = text;
        this.line = line;
    }

    static List<Token> tokens(String action, int line) throws TemplateException {
        return new ActionLexer(action, line).run();
    }

    private List<Token> run() throws TemplateException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() throws TemplateException {
        char c = text.charAt(pos);
        switch (c) {
            case '(':
                pos++;
                return new Token(Token.Kind.LEFT_PAREN, "(");
            case ')':
                pos++;
                return new Token(Token.Kind.RIGHT_PAREN, ")");
            case '|':
                pos++;
                return new Token(Token.Kind.PIPE, "|");
            case ',':
                pos++;
                return new Token(Token.Kind.COMMA, ",");
            case '=':
                pos++;
                return new Token(Token.Kind.ASSIGN, "=");
            case ':':
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '=') {
                    pos += 2;
                    return new Token(Token.Kind.DECLARE, ":=");
                }
                throw error("expected :=");
            case '"':
                return quoted();
            case '`':
                return raw();
            case '.':
                if (pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                    return number();
                }
                return new Token(Token.Kind.FIELD, chain());
            case '$':
                int start = pos++;
                while (pos < text.length() && isNameChar(text.charAt(pos))) {
                    pos++;
                }
                String name = text.substring(start, pos);
                String fields = pos < text.length() && text.charAt(pos) == '.' ? chain() : "";
                return new Token(Token.Kind.VARIABLE, name + fields);
            default:
                if (Character.isDigit(c) || c == '-' || c == '+') {
                    return number();
                }
                if (isNameChar(c)) {
                    int from = pos;
                    while (pos < text.length() && isNameChar(text.charAt(pos))) {
                        pos++;
                    }
                    return new Token(Token.Kind.IDENTIFIER, text.substring(from, pos));
                }
                throw error("unexpected \"" + c + "\" in command");
        }
    }

    /** Reads {@code .A.B} (or a lone {@code .}). */
    private String chain() throws TemplateException {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            int nameStart = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            if (nameStart == pos && pos - start > 1) {
                throw error("unexpected . after term");
            }
            if (nameStart == pos) {
                break;
            }
        }
        if (pos < text.length() && !isDelimiter(text.charAt(pos))) {
            throw error("unexpected \"" + text.charAt(pos) + "\" in operand");
        }
        return text.substring(start, pos);
    }

    private Token quoted() throws TemplateException {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return new Token(Token.Kind.STRING, value.toString());
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case '\\' -> value.append('\\');
                case '"' -> value.append('"');
                case '\'' -> value.append('\'');
                default -> throw error("invalid syntax: unknown escape \\" + e);
            }
        }
        throw error("unterminated quoted string");
    }

    private Token raw() throws TemplateException {
        int end = text.indexOf('`', pos + 1);
        if (end < 0) {
            throw error("unterminated raw quoted string");
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return new Token(Token.Kind.STRING, value);
    }

    private Token number() throws TemplateException {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String number = text.substring(start, pos);
        try {
            Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw error("bad number syntax: \"" + number + "\"");
        }
        return new Token(Token.Kind.NUMBER, number);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isDelimiter(char c) {
        return Character.isWhitespace(c) || c == ')' || c == '|' || c == ',';
    }

    private TemplateException error(String message) {
        return new TemplateException(TemplateException.Phase.PARSE, "template: format:" + line + ": " + message);
    }
}
