package dev.weft.router.daemon;

import dev.weft.weaveutil.picocli.FieldBinding;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A picocli model declared in code, its options bound to fields by lambdas. Reading picocli's annotations
 * instead makes Java generate a proxy class per annotation type (which no class data archive of JDK 17
 * holds) and reflect over every field, in the router's interpreted start (weaver's JIT flags).
 *
 * <p>{@code names} lists an option's names separated by spaces; a null {@code defaultValue} leaves the
 * field's initializer in place. Default values may name environment variables as picocli's annotations
 * do ({@code ${env:NAME:-fallback}}).
 */
final class OptionModel {

    private final CommandSpec spec;

    OptionModel(CommandSpec spec) {
        this.spec = spec;
    }

    /** An option with a text value. */
    OptionModel text(String names, String defaultValue, String description, Consumer<String> set) {
        return add(option(names, String.class, defaultValue, description, set));
    }

    /** An option with a whole-number value. */
    OptionModel number(String names, String defaultValue, String description, Consumer<Integer> set) {
        return add(option(names, int.class, defaultValue, description, set));
    }

    /** A boolean as Go's flag package takes it: {@code --flag} is true, {@code --flag=false} false. */
    OptionModel flag(String names, String description, Consumer<Boolean> set) {
        return add(option(names, boolean.class, null, description, set).arity("0..1"));
    }

    /** An option without a value that only switches something on ({@code --version}). */
    OptionModel switchOn(String names, String description, Consumer<Boolean> set) {
        return add(option(names, boolean.class, null, description, set));
    }

    /** An option that may be given many times; {@code set} gets every value, in order. */
    OptionModel repeatable(String names, String description, Consumer<List<String>> set) {
        return add(option(names, List.class, null, description, set).auxiliaryTypes(String.class));
    }

    /** An option that does not appear in the usage text. */
    OptionModel hiddenText(String names, String defaultValue, String description, Consumer<String> set) {
        return add(option(names, String.class, defaultValue, description, set).hidden(true));
    }

    /** The option that prints the usage text. */
    OptionModel usageHelp(String names, String description) {
        return add(OptionSpec.builder(names.split(" ")).usageHelp(true).type(boolean.class).description(description));
    }

    /** Positional parameters, any number of them. */
    OptionModel parameters(String paramLabel, String description, Consumer<List<String>> set) {
        FieldBinding<List<String>> binding = new FieldBinding<>(set);
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(List.class).auxiliaryTypes(String.class)
                .paramLabel(paramLabel).description(description).setter(binding).getter(binding)
                .hasInitialValue(false).build());
        return this;
    }

    private OptionModel add(OptionSpec.Builder option) {
        spec.addOption(option.build());
        return this;
    }

    /**
     * The field's own initializer is its initial value: bound without one, picocli would set the field to
     * null before parsing (a model here is parsed once).
     */
    private static <V> OptionSpec.Builder option(String names, Class<?> type, String defaultValue, String description,
                                                  Consumer<V> set) {
        FieldBinding<V> binding = new FieldBinding<>(set);
        String[] all = names.split(" ");
        OptionSpec.Builder option = OptionSpec.builder(all).type(type).setter(binding).getter(binding)
                .hasInitialValue(false).paramLabel("<" + all[0].replaceFirst("^-+", "") + ">");
        if (description != null) {
            option.description(description);
        }
        return defaultValue == null ? option : option.defaultValue(defaultValue);
    }
}
