package dev.weft.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds command objects, giving those that ask for it (a constructor taking {@link Services}) the services. */
final class CommandFactory implements CommandLine.IFactory {
    private final Services services;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Services services) {
        this.services = services;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == Services.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(services));
            }
        }
        return fallback.create(type);
    }
}
