package dev.portcullis.compiler.testing;

import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Canonical JSON read with a source map of every member and element (members at their key), for
 * tests of positions. Allows {@code //} comments, which fixtures use for expectation markers.
 */
public final class JsonWithPositions {

    private static final JsonMapper COMMENTED_JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    /** A tree and where its nodes are. */
    public record Parsed(JsonNode tree, SourceMap sourceMap) {
    }

    private JsonWithPositions() {
    }

    public static Parsed read(String file, String text) {
        SourceMap sourceMap = new SourceMap(file);
        Set<String> seen = new HashSet<>();
        try (JsonParser parser = COMMENTED_JSON.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructEnd()) {
                    continue;
                }
                // a member's key comes before its value, so the first token at a pointer is where it starts
                String pointer = parser.streamReadContext().pathAsPointer().toString();
                if (seen.add(pointer)) {
                    TokenStreamLocation at = parser.currentTokenLocation();
                    sourceMap.put(pointer, new SourcePosition(file, at.getLineNr(), at.getColumnNr()));
                }
            }
        }
        return new Parsed(COMMENTED_JSON.readTree(text), sourceMap);
    }
}
