package dev.portcullis.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portcullis.testkit.synthetic.SyntheticTranscript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The documented schema and the reader agree on what a transcript line is. */
class TranscriptSchemaTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream text = Files.newInputStream(Path.of("..", "docs", "transcript-1.schema.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        }
    }

    @Test
    void everyLineOfTheRepositorysTranscriptsIsValidAndReadable() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of("..", "samples"), Path.of("src", "test", "resources", "junit", "transcripts"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(path -> path.toString().endsWith(".jsonl")).forEach(files::add);
                }
            }
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    assertValidAndReadable(line);
                }
            }
        }
    }

    @Test
    void syntheticTranscriptLinesAreValid() {
        for (long i = 0; i < 8; i++) {
            assertValidAndReadable(SyntheticTranscript.line(i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"transcript\": {\"name\": \"n\", \"description\": null, \"policy\": \"p\"}}",
            "{\"ts\": 0, \"tool\": \"t\", \"arguments\": null, \"grant\": null, \"expect_rule\": \"r\"}",
            "{\"ts\": \"2026-11-26T10:00:00+02:00\", \"message\": {\"jsonrpc\": \"2.0\", \"id\": \"a\", \"method\": \"tools/call\", \"params\": {\"name\": \"t\"}}, \"expect\": \"require_approval\"}",
            "{\"message\": {\"jsonrpc\": \"2.0\", \"method\": \"notifications/cancelled\", \"params\": {\"requestId\": 3}}}",
            "{\"message\": {\"jsonrpc\": \"2.0\", \"id\": 3, \"error\": {\"code\": -32603, \"message\": \"x\"}}}",
            "{\"ts\": 5, \"tool\": \"t\", \"recorder\": {\"version\": 2}}"})
    void validLines(String line) {
        assertValidAndReadable(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"tool\": \"t\"}",
            "{\"ts\": \"yesterday\", \"tool\": \"t\"}",
            "{\"ts\": 0, \"tool\": \"\"}",
            "{\"ts\": 0, \"message\": {\"method\": \"tools/call\", \"params\": {}}}",
            "{\"ts\": 0, \"tool\": \"t\", \"grant\": 42}",
            "{\"ts\": 0, \"tool\": \"t\", \"arguments\": [1]}",
            "{\"ts\": 0, \"tool\": \"t\", \"expect\": \"maybe\"}",
            "{\"ts\": 0, \"tool\": \"t\", \"expect_reasons\": \"x\"}",
            "{\"message\": {\"id\": 1, \"result\": {}}, \"expect\": \"deny\"}",
            "{\"ts\": 0, \"tool\": \"t\", \"message\": {\"method\": \"tools/call\", \"params\": {\"name\": \"t\"}}}",
            "{\"ts\": 0, \"grant\": \"g\"}",
            "{\"ts\": 0, \"message\": {\"jsonrpc\": \"2.0\", \"id\": 1}}",
            "{\"transcript\": {}, \"tool\": \"t\", \"ts\": 0}",
            "[1, 2]"})
    void invalidLinesAreRejectedByBoth(String line) throws IOException {
        assertThat(schema.validate(line, InputFormat.JSON)).as(line).isNotEmpty();
        try (TranscriptReader reader = TranscriptReader.open(TranscriptSource.ofString("t.jsonl", line + "\n"), TranscriptLimits.DEFAULT)) {
            assertThat(reader.next()).as(line).isInstanceOf(TranscriptLine.BrokenLine.class);
        }
    }

    private static void assertValidAndReadable(String line) {
        assertThat(schema.validate(line, InputFormat.JSON)).as(line).isEmpty();
        try (TranscriptReader reader = TranscriptReader.open(TranscriptSource.ofString("t.jsonl", line + "\n"), TranscriptLimits.DEFAULT)) {
            TranscriptLine read = reader.next();
            if (read == null) {
                assertThat(reader.header()).as("a header: " + line).isNotEqualTo(TranscriptHeader.NONE);
            } else {
                assertThat(read).as(line).isNotInstanceOf(TranscriptLine.BrokenLine.class);
            }
        } catch (IOException unexpected) {
            throw new AssertionError(unexpected);
        }
    }
}
