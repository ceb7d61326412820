package dev.portcullis.compiler.frontend;

/**
 * Turns the bytes of one policy format into a {@link CanonicalDocument}. One implementation per
 * format; implementations are stateless and thread-safe, never throw on bad input (every problem
 * is a diagnostic with its position) and do not validate against the canonical schema, which
 * {@link CanonicalSchemaValidator} does for all formats alike.
 */
public interface PolicyFrontEnd {

    /**
     * Reads one policy file.
     *
     * @param displayName the file as diagnostics should name it (usually a path relative to the project)
     * @param content     the file's bytes, expected to be UTF-8
     */
    FrontEndResult read(String displayName, byte[] content);
}
