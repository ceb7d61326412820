package dev.portcullis.compiler.diagnostic;

/** How bad a diagnostic is. Errors stop a policy from loading; warnings do not (unless asked to). */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
