package dev.weft.cli.model;

import dev.weft.weaveutil.picocli.FieldBinding;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UnmatchedArgsBinding;
import picocli.CommandLine.Range;

/**
 * A command's picocli model declared in code, its options and parameters bound to the command's fields
 * by lambdas. picocli's annotations cost the short-lived CLI about 50 ms per run: reading them makes Java
 * generate a proxy class for each annotation type, which JDK 17's class data archive cannot hold, and
 * reflect over every field. This model needs neither.
 *
 * <p>{@code names} lists an option's names separated by spaces, as in {@code "--password -password"}.
 */
public final class CommandModel {
    private final CommandSpec spec;

    private CommandModel(CommandSpec spec) {
        this.spec = spec;
    }

    /** The model of {@code command}, whose {@code call()} or {@code run()} picocli runs. */
    public static CommandModel command(Object command, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        return new CommandModel(spec);
    }

    /** An option without a value: {@code set} gets true when it is given. */
    public CommandModel flag(String names, String description, Consumer<Boolean> set) {
        return add(bound(OptionSpec.builder(names.split(" ")).type(boolean.class).description(description), set));
    }

    /** An option with one value (picocli refuses it given twice). */
    public CommandModel option(String names, String paramLabel, String description, Consumer<String> set) {
        return add(bound(OptionSpec.builder(names.split(" ")).type(String.class).paramLabel(paramLabel)
                .description(description), set));
    }

    /** An option that may be given many times; {@code set} gets every value, in order. */
    public CommandModel repeatableOption(String names, String paramLabel, String description,
                                         Consumer<List<String>> set) {
        return add(bound(OptionSpec.builder(names.split(" ")).type(List.class).auxiliaryTypes(String.class)
                .paramLabel(paramLabel).description(description), set));
    }

    /** Positional parameters, as many as {@code arity} allows (e.g. {@code "0..*"}); required when it asks for one. */
    public CommandModel parameters(String arity, String paramLabel, String description, Consumer<List<String>> set) {
        spec.addPositional(bound(PositionalParamSpec.builder().arity(arity).required(Range.valueOf(arity).min() > 0)
                .type(List.class).auxiliaryTypes(String.class).paramLabel(paramLabel).description(description), set)
                .build());
        return this;
    }

    /** One required positional parameter. */
    public CommandModel parameter(String paramLabel, String description, Consumer<String> set) {
        spec.addPositional(bound(PositionalParamSpec.builder().required(true).type(String.class).paramLabel(paramLabel)
                .description(description), set).build());
        return this;
    }

    /** Arguments that match no option or parameter are added to {@code collection} instead of being refused. */
    public CommandModel unmatched(List<String> collection) {
        spec.addUnmatchedArgsBinding(UnmatchedArgsBinding.forStringCollectionSupplier(new OwnCollection(collection)));
        return this;
    }

    /**
     * The collection a command owns for its unmatched arguments. picocli resets the binding before parsing
     * by setting the value it read at the start, which is this same collection.
     */
    private record OwnCollection(List<String> collection) implements IGetter, ISetter {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) collection;
        }

        @Override
        public <T> T set(T value) {
            if (value != collection) {
                throw new IllegalArgumentException("unmatched arguments go into the command's own collection");
            }
            return value;
        }
    }

    /** Adds the options and parameters a part shared by several commands declares. */
    public CommandModel include(Consumer<CommandModel> part) {
        part.accept(this);
        return this;
    }

    /** Adds an option built with picocli's own builder, for what the methods above do not cover. */
    public CommandModel add(OptionSpec.Builder option) {
        spec.addOption(option.build());
        return this;
    }

    /**
     * Binds the argument to the field. The field's own initializer is its initial value: picocli would
     * otherwise set the field to null before parsing (a model here is parsed once).
     */
    private static <V> OptionSpec.Builder bound(OptionSpec.Builder option, Consumer<V> set) {
        FieldBinding<V> binding = new FieldBinding<>(set);
        return option.setter(binding).getter(binding).hasInitialValue(false);
    }

    private static <V> PositionalParamSpec.Builder bound(PositionalParamSpec.Builder parameter, Consumer<V> set) {
        FieldBinding<V> binding = new FieldBinding<>(set);
        return parameter.setter(binding).getter(binding).hasInitialValue(false);
    }

    public CommandSpec spec() {
        return spec;
    }
}
