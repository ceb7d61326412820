package dev.portcullis.compiler.ir;

import dev.portcullis.runtime.eval.ToolGlobs;
import java.util.Comparator;
import java.util.Objects;

/** Which calls an entry applies to: one tool, a glob of tools, or every call ({@code all_tools}). */
public sealed interface ToolSelector {

    boolean matches(String tool);

    /** The key under {@code tools} (the tool name or glob); {@code all_tools} for the all_tools entry. */
    String key();

    /** The entry's id, the prefix of its rules' ids: {@code tools.<key>} or {@code all_tools}. */
    String entryId();

    /** An entry keyed by an exact tool name. */
    record ExactTool(String name) implements ToolSelector {
        public ExactTool {
            Objects.requireNonNull(name, "name");
            if (ToolGlob.isGlob(name)) {
                throw new IllegalArgumentException("'" + name + "' is a glob, not a tool name");
            }
        }

        @Override
        public boolean matches(String tool) {
            return name.equals(tool);
        }

        @Override
        public String key() {
            return name;
        }

        @Override
        public String entryId() {
            return "tools." + name;
        }
    }

    /**
     * An entry keyed by a glob: {@code *} matches any run of characters (including none); every other
     * character matches itself. An exact entry wins over any glob; among globs {@link #PRECEDENCE}
     * decides.
     */
    record ToolGlob(String pattern) implements ToolSelector {

        /**
         * Most specific first: the longer literal prefix (the characters before the first {@code *}),
         * then more literal characters in all, then the pattern that sorts first by UTF-16 code units,
         * so the order never depends on how the file listed the entries.
         */
        public static final Comparator<ToolGlob> PRECEDENCE = Comparator
                .comparingInt(ToolGlob::literalPrefixLength).reversed()
                .thenComparing(Comparator.comparingInt(ToolGlob::literalLength).reversed())
                .thenComparing(ToolGlob::pattern);

        public ToolGlob {
            Objects.requireNonNull(pattern, "pattern");
            if (!isGlob(pattern)) {
                throw new IllegalArgumentException("'" + pattern + "' has no '*', so it is not a glob");
            }
        }

        public static boolean isGlob(String key) {
            return key.indexOf('*') >= 0;
        }

        public int literalPrefixLength() {
            return pattern.indexOf('*');
        }

        public int literalLength() {
            int literal = 0;
            for (int i = 0; i < pattern.length(); i++) {
                if (pattern.charAt(i) != '*') {
                    literal++;
                }
            }
            return literal;
        }

        @Override
        public boolean matches(String tool) {
            return ToolGlobs.matches(pattern, tool);
        }

        @Override
        public String key() {
            return pattern;
        }

        @Override
        public String entryId() {
            return "tools." + pattern;
        }
    }

    /** The {@code all_tools} entry (Intercept's {@code "*"} tool): applies in addition to a tool's own. */
    record AllTools() implements ToolSelector {
        @Override
        public boolean matches(String tool) {
            return true;
        }

        @Override
        public String key() {
            return "all_tools";
        }

        @Override
        public String entryId() {
            return "all_tools";
        }
    }
}
