package dev.portcullis.runtime.eval;

import java.util.List;
import java.util.Map;

/** Reads argument paths from a call's arguments; shared by the interpreter and compiled policies. */
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

    /** {@link #resolve(Map, List)} over segments held in an array, as compiled policies keep them. */
    public static Object resolve(Map<String, Object> arguments, String[] segments) {
        // the first segment needs no type test: most paths have only one
        Object current = arguments.get(segments[0]);
        for (int i = 1; i < segments.length && current != null; i++) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(segments[i]);
        }
        return current;
    }
}
