package dev.weft.router.template;

/** One lexical item inside an action {@code {{ ... }}}. */
record Token(Kind kind, String text) {

    enum Kind {
        /** {@code .}, {@code .A.B}: a field chain on dot ({@code text} is the chain, e.g. ".A.B"). */
        FIELD,
        /** {@code $}, {@code $x}, {@code $x.A}: a variable with an optional field chain. */
        VARIABLE,
        /** A name: keyword ({@code if range end}...) or function. */
        IDENTIFIER,
        STRING,
        NUMBER,
        LEFT_PAREN,
        RIGHT_PAREN,
        PIPE,
        DECLARE,
        ASSIGN,
        COMMA
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }
}
