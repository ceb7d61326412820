package dev.portcullis.compiler.ir;

/** What a policy does with a call to a tool that no entry matches. */
public enum DefaultPosture {
    /** Unlisted tools are allowed; only {@code all_tools} applies to them (Intercept's default). */
    ALLOW,
    /** Unlisted tools are denied before any rule runs, including {@code all_tools}. */
    DENY
}
