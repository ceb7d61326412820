package dev.portcullis.compiler.check;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a tool's {@code inputSchema} says about argument names, reduced to what the argument-path check
 * needs: the named properties of an object and whether other names are allowed.
 *
 * @param properties the named properties, sorted
 * @param closed     whether names outside {@code properties} are ruled out: the schema lists its
 *                   properties without allowing others, or describes a value that is not an object
 */
public record ArgumentSchema(Map<String, ArgumentSchema> properties, boolean closed) {

    /** A schema that allows any argument below it (or that the check cannot read, e.g. {@code $ref}). */
    public static final ArgumentSchema OPEN = new ArgumentSchema(Map.of(), false);

    public ArgumentSchema {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** The schema of a named member: empty when the name is ruled out. */
    public Optional<ArgumentSchema> member(String name) {
        ArgumentSchema member = properties.get(name);
        if (member != null) {
            return Optional.of(member);
        }
        return closed ? Optional.empty() : Optional.of(OPEN);
    }
}
