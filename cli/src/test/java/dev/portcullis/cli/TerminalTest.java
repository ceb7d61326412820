package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void aProblemComesAfterTheOutputWrittenBeforeIt() {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        PrintStream shared = new PrintStream(both, true, StandardCharsets.UTF_8);
        Terminal terminal = Terminal.of(new ByteArrayInputStream(new byte[0]), shared, shared);

        terminal.out().print("Coverage: 90.0%");
        terminal.out().println();
        terminal.out().print("partial result");
        terminal.problem("portcullis test: error: broken transcript");

        assertThat(both.toString(StandardCharsets.UTF_8)).isEqualTo(
                "Coverage: 90.0%" + System.lineSeparator() + "partial result"
                        + "portcullis test: error: broken transcript" + System.lineSeparator());
    }
}
