package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.source.SourceMap;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A policy in the canonical format (see {@code docs/canonical-format.md}), whatever format the user
 * wrote it in, with the way back to the user's file.
 *
 * @param file      the file as shown to users (the display name given to the front end)
 * @param format    the format the user wrote: {@code "json"}, {@code "yaml"} or {@code "policy"}
 * @param tree      the canonical tree; callers must not modify it
 * @param sourceMap positions in {@code file} of the canonical tree's nodes, keyed by JSON Pointer
 */
public record CanonicalDocument(String file, String format, JsonNode tree, SourceMap sourceMap) {

    public CanonicalDocument {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(sourceMap, "sourceMap");
    }
}
