package dev.portcullis.compiler.codegen;

import dev.portcullis.runtime.eval.PolicyTables;
import java.util.Objects;

/**
 * The Java source generated for a policy and the tables its constructor takes. The source holds only
 * structure and synthetic names; every text of the policy is in {@code tables}.
 *
 * @param className   the binary name of the class, unique per source ({@code dev.portcullis.generated.Policy_<hash>})
 * @param sourceHash  SHA-256 of the source, hex: the compiled-class cache key
 */
public record GeneratedSource(String className, String source, String sourceHash, PolicyTables tables) {

    public GeneratedSource {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceHash, "sourceHash");
        Objects.requireNonNull(tables, "tables");
    }

    /** The source with line numbers, as the debug log shows it when compiling fails. */
    public String numberedSource() {
        String[] lines = source.split("\n", -1);
        int width = String.valueOf(lines.length).length();
        StringBuilder numbered = new StringBuilder(source.length() + lines.length * (width + 2));
        for (int i = 0; i < lines.length; i++) {
            String number = String.valueOf(i + 1);
            numbered.append(" ".repeat(width - number.length())).append(number).append(": ").append(lines[i]).append('\n');
        }
        return numbered.toString();
    }
}
