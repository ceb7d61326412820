package dev.portcullis.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Option values that are enum constants are written in lower case ({@code --engine interpreted}), as the
 * help and shell completion show them.
 */
final class LowerCaseEnums {

    private LowerCaseEnums() {
    }

    /** The constant named {@code text}, whatever its case. */
    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
        }
        throw new CommandLine.TypeConversionException("expected " + String.join(" or ", names(type)) + ", got '"
                + text + "'");
    }

    static <E extends Enum<E>> List<String> names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            names.add(value.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Registers the conversion for each type on the whole command hierarchy. */
    @SafeVarargs
    static void register(CommandLine commandLine, Class<? extends Enum<?>>... types) {
        for (Class<? extends Enum<?>> type : types) {
            registerOne(commandLine, type);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerOne(CommandLine commandLine, Class type) {
        commandLine.registerConverter(type, text -> parse(type, text));
    }

    /** Shell completion candidates: the constants in lower case. Subclass once per enum, for picocli. */
    abstract static class Candidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        <E extends Enum<E>> Candidates(Class<E> type) {
            super(names(type));
        }
    }
}
