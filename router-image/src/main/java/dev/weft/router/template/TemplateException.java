package dev.weft.router.template;

/** A template that cannot be parsed, or failed while executing; the message reads like Go's text/template errors. */
public final class TemplateException extends Exception {

    public enum Phase { PARSE, EXECUTE }

    private final Phase phase;

    TemplateException(Phase phase, String message) {
        super(message);
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }
}
