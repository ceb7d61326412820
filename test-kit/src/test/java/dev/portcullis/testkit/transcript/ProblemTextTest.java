package dev.portcullis.testkit.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ProblemTextTest {

    @Test
    void aWrappedExceptionLosesTheClassNameItsMessageBeganWith() {
        assertThat(ProblemText.of(new UncheckedIOException(new IOException("disk on fire"))))
                .isEqualTo("disk on fire");
    }

    @Test
    void onlyTheFirstLineOfAMessageIsKept() {
        assertThat(ProblemText.of(new IllegalStateException("counter store closed\n\tat dev.portcullis.Some.method(Some.java:12)")))
                .isEqualTo("counter store closed");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedByItsType() {
        assertThat(ProblemText.of(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(ProblemText.of(new IllegalStateException("\n"))).isEqualTo("IllegalStateException");
    }

    @Test
    void aFileProblemSaysWhatHappenedToTheFile() {
        assertThat(ProblemText.of(new NoSuchFileException("t.jsonl"))).isEqualTo("t.jsonl: no such file");
        assertThat(ProblemText.of(new AccessDeniedException("t.jsonl"))).isEqualTo("t.jsonl: access denied");
        assertThat(ProblemText.of(new NoSuchFileException("t.jsonl", null, "gone"))).isEqualTo("t.jsonl: gone");
    }

    @Test
    void jacksonsMessageKeepsItsCoreWithoutLocationsOrHints() {
        JacksonException eof = parseFailure("{\"a\": [1, {\"b\": 2}");
        assertThat(eof.getMessage()).contains("[Source:");
        assertThat(ProblemText.ofJson(eof)).isEqualTo("Unexpected end-of-input: expected close marker for Array");
        assertThat(ProblemText.of(eof)).isEqualTo(ProblemText.ofJson(eof));
        assertThat(ProblemText.columnOf(eof)).isPositive();
    }

    private static JacksonException parseFailure(String json) {
        try {
            JsonMapper.shared().readTree(json);
        } catch (JacksonException expected) {
            return expected;
        }
        throw new AssertionError("parsed: " + json);
    }
}
