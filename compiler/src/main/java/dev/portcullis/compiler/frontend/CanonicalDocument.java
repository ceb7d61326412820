package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.source.SourceMap;
import tools.jackson.databind.JsonNode;

public record CanonicalDocument(String file, String format, JsonNode tree, SourceMap sourceMap) {
}
