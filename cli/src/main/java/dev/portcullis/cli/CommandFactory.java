package dev.portcullis.cli;

import java.lang.reflect.Constructor;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Creates commands with the {@link Terminal} they write to, so tests can run any command in-process;
 * everything else (picocli's own commands, converters, mixins) comes from picocli's default factory.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final Terminal terminal;

    CommandFactory(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withTerminal;
        try {
            withTerminal = type.getDeclaredConstructor(Terminal.class);
        } catch (NoSuchMethodException noTerminal) {
            return CommandLine.defaultFactory().create(type);
        }
        return withTerminal.newInstance(terminal);
    }
}
