package dev.portcullis.compiler.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where each node of a canonical document came from in the file the user wrote. Keys are JSON
 * Pointers into the canonical tree ({@code /tools/start_fhir_export_job/limits/0/max}); a pointer
 * without an entry falls back to its nearest ancestor that has one, then to the file itself.
 */
public final class SourceMap {

    private final String file;
    private final Map<String, SourcePosition> positions = new HashMap<>();

    public SourceMap(String file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public String file() {
        return file;
    }

    public void put(String pointer, SourcePosition position) {
        positions.put(pointer, position);
    }

    /** The position of the node at {@code pointer}, or of its nearest recorded ancestor. */
    public SourcePosition positionOf(String pointer) {
        String p = pointer;
        while (true) {
            SourcePosition found = positions.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return SourcePosition.ofFile(file);
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }
}
