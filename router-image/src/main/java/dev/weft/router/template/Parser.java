package dev.weft.router.template;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Turns template text into {@link Node}s: text, actions, and if/with/range blocks with their else branches. */
final class Parser {

    private static final Set<String> KEYWORDS = Set.of("if", "else", "end", "range", "with");

    /** Raw pieces of the template: text, or one action's tokens. */
    private record Piece(String text, List<Token> tokens, int line, String source) {
        boolean isText() {
            return tokens == null;
        }
    }

    private final List<Piece> pieces;
    private int next;

    private Parser(List<Piece> pieces) {
        this.pieces = pieces;
    }

    static List<Node> parse(String template) throws TemplateException {
        Parser parser = new Parser(split(template));
        List<Node> nodes = new ArrayList<>();
        String end = parser.list(nodes);
        if (end != null) {
            throw parser.error(parser.pieces.get(parser.next - 1).line, "unexpected {{" + end + "}}");
        }
        return nodes;
    }

    /** Parses nodes until {@code end}/{@code else}/EOF; returns that keyword's text ("end", "else ...") or null at EOF. */
    private String list(List<Node> into) throws TemplateException {
        while (next < pieces.size()) {
            Piece piece = pieces.get(next++);
            if (piece.isText()) {
                into.add(new Node.Text(piece.text));
                continue;
            }
            List<Token> tokens = piece.tokens;
            if (tokens.isEmpty()) {
                throw error(piece.line, "missing value for command");
            }
            Token first = tokens.get(0);
            if (first.kind() == Token.Kind.IDENTIFIER && KEYWORDS.contains(first.text())) {
                switch (first.text()) {
                    case "end":
                        expectAlone(piece, "end");
                        return "end";
                    case "else":
                        return "else";
                    case "if", "with":
                        into.add(conditional(piece, tokens.subList(1, tokens.size()), first.text().equals("with")));
                        break;
                    default:
                        into.add(range(piece));
                        break;
                }
            } else {
                into.add(new Node.Action(piece.line, piece.source, pipeline(piece, tokens, "command")));
            }
        }
        return null;
    }

    private Node conditional(Piece piece, List<Token> condition, boolean with) throws TemplateException {
        Node.Pipeline pipeline = pipeline(piece, condition, with ? "with" : "if");
        List<Node> then = new ArrayList<>();
        String end = list(then);
        List<Node> otherwise = new ArrayList<>();
        if (end == null) {
            throw error(piece.line, "unexpected EOF");
        }
        if (end.equals("else")) {
            Piece elsePiece = pieces.get(next - 1);
            List<Token> rest = elsePiece.tokens.subList(1, elsePiece.tokens.size());
            if (!rest.isEmpty() && rest.get(0).is(Token.Kind.IDENTIFIER, "if")) {
                otherwise.add(conditional(elsePiece, rest.subList(1, rest.size()), false));
                return new Node.Conditional(with, piece.line, piece.source, pipeline, then, otherwise);
            }
            expectAlone(elsePiece, "else");
            if (!"end".equals(list(otherwise))) {
                throw error(piece.line, "unexpected EOF");
            }
        }
        return new Node.Conditional(with, piece.line, piece.source, pipeline, then, otherwise);
    }

    private Node range(Piece piece) throws TemplateException {
        Node.Pipeline pipeline = pipeline(piece, piece.tokens.subList(1, piece.tokens.size()), "range");
        List<Node> body = new ArrayList<>();
        String end = list(body);
        List<Node> otherwise = new ArrayList<>();
        if (end == null) {
            throw error(piece.line, "unexpected EOF");
        }
        if (end.equals("else")) {
            expectAlone(pieces.get(next - 1), "else");
            if (!"end".equals(list(otherwise))) {
                throw error(piece.line, "unexpected EOF");
            }
        }
        return new Node.Range(piece.line, piece.source, pipeline, body, otherwise);
    }

    private void expectAlone(Piece piece, String keyword) throws TemplateException {
        if (piece.tokens.size() != 1) {
            throw error(piece.line, "unexpected " + describe(piece.tokens.get(1)) + " in " + keyword);
        }
    }

    /** @param context what the pipeline belongs to ({@code command}, {@code if}, {@code range}...), for messages */
    private Node.Pipeline pipeline(Piece piece, List<Token> tokens, String context) throws TemplateException {
        if (tokens.isEmpty()) {
            throw error(piece.line, "missing value for " + context);
        }
        Cursor cursor = new Cursor(tokens);
        List<String> variables = new ArrayList<>();
        boolean declares = false;
        int assign = indexOfAssignment(tokens);
        if (assign >= 0) {
            for (int i = 0; i < assign; i++) {
                Token t = tokens.get(i);
                if (t.kind() == Token.Kind.VARIABLE && !t.text().contains(".")) {
                    variables.add(t.text());
                } else if (t.kind() != Token.Kind.COMMA) {
                    throw error(piece.line, "unexpected " + describe(t) + " in declaration");
                }
            }
            declares = tokens.get(assign).kind() == Token.Kind.DECLARE;
            cursor.pos = assign + 1;
        }
        Node.Pipeline result = new Node.Pipeline(variables, declares, commands(piece, cursor));
        if (cursor.pos < tokens.size()) {
            throw error(piece.line, "unexpected " + describe(tokens.get(cursor.pos)) + " in operand");
        }
        return result;
    }

    private static int indexOfAssignment(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token.Kind k = tokens.get(i).kind();
            if (k == Token.Kind.DECLARE || k == Token.Kind.ASSIGN) {
                return i;
            }
            if (k != Token.Kind.VARIABLE && k != Token.Kind.COMMA) {
                return -1;
            }
        }
        return -1;
    }

    private static final class Cursor {
        final List<Token> tokens;
        int pos;

        Cursor(List<Token> tokens) {
            this.tokens = tokens;
        }

        Token peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }
    }

    private List<Node.Command> commands(Piece piece, Cursor cursor) throws TemplateException {
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            List<Node.Arg> args = new ArrayList<>();
            while (cursor.peek() != null && cursor.peek().kind() != Token.Kind.PIPE
                    && cursor.peek().kind() != Token.Kind.RIGHT_PAREN) {
                args.add(operand(piece, cursor));
            }
            if (args.isEmpty()) {
                throw error(piece.line, "missing value for command");
            }
            commands.add(new Node.Command(args));
            if (cursor.peek() == null || cursor.peek().kind() != Token.Kind.PIPE) {
                return commands;
            }
            cursor.pos++;
        }
    }

    private Node.Arg operand(Piece piece, Cursor cursor) throws TemplateException {
        Token t = cursor.tokens.get(cursor.pos++);
        switch (t.kind()) {
            case FIELD:
                return new Node.Field(chain(t.text()));
            case VARIABLE: {
                int dot = t.text().indexOf('.');
                String name = dot < 0 ? t.text() : t.text().substring(0, dot);
                return new Node.Variable(name, dot < 0 ? List.of() : chain(t.text().substring(dot)));
            }
            case STRING:
                return new Node.Literal(TextNode.valueOf(t.text()));
            case NUMBER:
                return new Node.Literal(number(piece, t.text()));
            case IDENTIFIER:
                switch (t.text()) {
                    case "true":
                        return new Node.Literal(BooleanNode.TRUE);
                    case "false":
                        return new Node.Literal(BooleanNode.FALSE);
                    case "nil":
                        return new Node.Literal(NullNode.getInstance());
                    default:
                        if (KEYWORDS.contains(t.text())) {
                            throw error(piece.line, "unexpected <" + t.text() + "> in command");
                        }
                        if (!Functions.exists(t.text())) {
                            throw error(piece.line, "function \"" + t.text() + "\" not defined");
                        }
                        return new Node.Function(t.text());
                }
            case LEFT_PAREN: {
                List<Node.Command> inner = commands(piece, cursor);
                Token close = cursor.peek();
                if (close == null || close.kind() != Token.Kind.RIGHT_PAREN) {
                    throw error(piece.line, "unclosed left paren");
                }
                cursor.pos++;
                return new Node.SubPipeline(new Node.Pipeline(List.of(), false, inner));
            }
            default:
                throw error(piece.line, "unexpected " + describe(t) + " in operand");
        }
    }

    private static List<String> chain(String dotted) {
        if (dotted.equals(".")) {
            return List.of();
        }
        return List.copyOf(Arrays.asList(dotted.substring(1).split("\\.")));
    }

    private com.fasterxml.jackson.databind.JsonNode number(Piece piece, String text) throws TemplateException {
        try {
            if (text.matches("[-+]?\\d+")) {
                return LongNode.valueOf(Long.parseLong(text));
            }
            if (text.matches("[-+]?0[xX][0-9a-fA-F]+")) {
                boolean negative = text.startsWith("-");
                long value = Long.parseLong(text.replaceFirst("^[-+]?0[xX]", ""), 16);
                return LongNode.valueOf(negative ? -value : value);
            }
            return DoubleNode.valueOf(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw error(piece.line, "bad number syntax: \"" + text + "\"");
        }
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case STRING -> "quoted string";
            case NUMBER -> "number " + t.text();
            default -> "\"" + t.text() + "\"";
        };
    }

    private TemplateException error(int line, String message) {
        return new TemplateException(TemplateException.Phase.PARSE, "template: format:" + line + ": " + message);
    }

    /** Cuts the template into text and actions, applying {@code {{- }} and {@code -}}} trimming and dropping comments. */
    private static List<Piece> split(String template) throws TemplateException {
        List<Piece> pieces = new ArrayList<>();
        int pos = 0;
        int line = 1;
        boolean trimNextText = false;
        while (pos <= template.length()) {
            int open = template.indexOf("{{", pos);
            String text = template.substring(pos, open < 0 ? template.length() : open);
            if (trimNextText) {
                text = text.stripLeading();
            }
            if (open < 0) {
                addText(pieces, text);
                break;
            }
            int start = open + 2;
            boolean trimLeft = template.startsWith("- ", start) || template.startsWith("-\t", start)
                    || template.startsWith("-\n", start) || template.startsWith("-\r", start);
            if (trimLeft) {
                text = text.stripTrailing();
                start += 1;
            }
            addText(pieces, text);
            line += count(template.substring(pos, open));
            int close = findClose(template, start, line);
            int end = close;
            trimNextText = false;
            if (close - 2 >= start && template.charAt(close - 1) == '-' && Character.isWhitespace(template.charAt(close - 2))) {
                end = close - 1;
                trimNextText = true;
            }
            String source = template.substring(start, end).strip();
            if (!(source.startsWith("/*") && source.endsWith("*/"))) {
                pieces.add(new Piece(null, ActionLexer.tokens(source, line), line, source));
            }
            line += count(template.substring(open, close));
            pos = close + 2;
        }
        return pieces;
    }

    private static void addText(List<Piece> pieces, String text) {
        if (!text.isEmpty()) {
            pieces.add(new Piece(text, null, 0, null));
        }
    }

    private static int findClose(String template, int from, int line) throws TemplateException {
        char quote = 0;
        for (int i = from; i < template.length(); i++) {
            char c = template.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                return i;
            }
        }
        throw new TemplateException(TemplateException.Phase.PARSE, "template: format:" + line + ": unclosed action");
    }

    private static int count(String text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }
}
