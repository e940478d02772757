package dev.weft.weaveutil.picocli;

import java.util.function.Consumer;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/**
 * Binds a picocli option or parameter to a field through a lambda that sets it, for models declared in
 * code (the CLI's commands, the router's command line). The value read back is the last one set
 * (picocli reads a multi-value option's collection back to add to it).
 */
public final class FieldBinding<V> implements IGetter, ISetter {
    private final Consumer<V> set;
    private V value;

    public FieldBinding(Consumer<V> set) {
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
