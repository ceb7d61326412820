package dev.portcullis.compiler.ir;

/** The verdict an entry gives on its own, before and after its rules run. */
public enum EntryAction {
    /** Evaluate the entry's rules and limits; allowed when they pass. */
    ALLOW,
    /** Deny every call the entry applies to (decision step 3). */
    DENY,
    /** Require approval once every deny check has passed (decision step 5). */
    REQUIRE_APPROVAL
}
