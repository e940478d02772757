package dev.weft.cli.model;

import java.util.function.Consumer;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/**
 * Binds an option or parameter to a command's field through a lambda that sets it. The value read back is
 * the last one set (picocli reads a multi-value option's collection back to add to it).
 */
final class Binding<V> implements IGetter, ISetter {
    private final Consumer<V> set;
    private V value;

    Binding(Consumer<V> set) {
        this.set = set;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T newValue) {
        T previous = (T) value;
        value = (V) newValue;
        set.accept(value);
        return previous;
    }
}
