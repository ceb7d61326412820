package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void joinsLinesSoEveryProblemIsOneLine() {
        assertThat(OneLine.of("first\n  second\r\nthird\n")).isEqualTo("first; second; third");
        assertThat(OneLine.of("just one\n")).isEqualTo("just one");
        assertThat(OneLine.of("a\n\n\nb")).isEqualTo("a; b");
        assertThat(OneLine.of(null)).isEmpty();
    }
}
