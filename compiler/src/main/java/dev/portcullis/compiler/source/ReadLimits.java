package dev.portcullis.compiler.source;

/**
 * Safety limits for reading a policy file. Policies are small documents written by people, so the
 * defaults are far above any real policy and far below what could hurt the build: hostile or
 * broken input is refused quickly with a diagnostic instead of exhausting memory or time.
 *
 * @param maxFileBytes    largest accepted file, in bytes
 * @param maxNestingDepth deepest nesting of objects and arrays
 * @param maxStringLength longest string value or key, in characters
 * @param maxValues       most values (objects, arrays, scalars) in the document, counting every
 *                        copy a YAML alias makes; this is what stops alias bombs
 */
public record ReadLimits(int maxFileBytes, int maxNestingDepth, int maxStringLength, int maxValues) {

    public ReadLimits {
        if (maxFileBytes < 1 || maxNestingDepth < 1 || maxStringLength < 1 || maxValues < 1) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }

    /** 4 MiB, 100 levels, 100,000 characters per string, 500,000 values. */
    public static ReadLimits defaults() {
        return new ReadLimits(4 * 1024 * 1024, 100, 100_000, 500_000);
    }
}
