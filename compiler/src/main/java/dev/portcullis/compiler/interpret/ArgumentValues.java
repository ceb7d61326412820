package dev.portcullis.compiler.interpret;

import java.util.List;
import java.util.Map;

/** Reads argument paths from a call's arguments. JDK only, so generated code can share it. */
public final class ArgumentValues {

    private ArgumentValues() {
    }

    /**
     * The value at a path of nested objects, or {@code null} when some segment is absent, holds
     * {@code null}, or the value before it is not an object. A {@code null} argument therefore counts as
     * missing for every operator, {@code exists} included. Walks by index: no iterator, no allocation.
     */
    public static Object resolve(Map<String, Object> arguments, List<String> segments) {
        Object current = arguments;
        for (int i = 0; i < segments.size(); i++) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(segments.get(i));
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
