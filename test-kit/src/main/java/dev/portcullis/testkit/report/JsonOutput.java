package dev.portcullis.testkit.report;

import java.io.Writer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/** JSON generators for reports: one object per root value with no separator, and the target left open. */
final class JsonOutput {

    private JsonOutput() {
    }

    /**
     * A generator over a character stream. Strings from transcripts and policies must pass through
     * {@link #text} first: a lone surrogate would make the file unencodable or unparsable.
     */
    static JsonGenerator generator(Writer out) {
        JsonFactory factory = JsonFactory.builder()
                .rootValueSeparator("")
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
        return factory.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** Writes a string property whose value may come from a transcript or policy; {@code null} writes JSON null. */
    static void text(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(Markup.wellFormed(name), Markup.wellFormed(value));
        }
    }
}
