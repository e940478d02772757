package dev.weft.router.store;

/** Turns a stored text value back into a record; throws (any unchecked exception) when the text is malformed. */
@FunctionalInterface
public interface RecordDecoder<T> {
    T decode(String text);
}
