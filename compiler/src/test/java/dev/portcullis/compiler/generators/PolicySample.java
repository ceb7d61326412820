package dev.portcullis.compiler.generators;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A randomly generated policy file and the names worth calling it with.
 *
 * @param fileName  the file's name; its extension picks the front end ({@code .json} or {@code .yaml})
 * @param text      the file's content
 * @param toolNames tool names the policy mentions, plus some it does not
 */
public record PolicySample(String fileName, String text, List<String> toolNames) {

    public PolicySample {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(text, "text");
        toolNames = List.copyOf(toolNames);
    }

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Shows the whole file when a property fails, so the case can be replayed by hand. */
    @Override
    public String toString() {
        return fileName + ":\n" + text;
    }
}
