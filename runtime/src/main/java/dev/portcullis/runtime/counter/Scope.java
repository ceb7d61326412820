package dev.portcullis.runtime.counter;

import dev.portcullis.runtime.ToolCall;

/** Whose calls share one budget of a counter. */
public enum Scope {
    GRANT, SESSION, AGENT, GLOBAL;

    /** The key under which a call is counted; calls lacking the identity share the key {@code ""}. */
    public String keyOf(ToolCall call) {
        String key = switch (this) {
            case GRANT -> call.grant();
            case SESSION -> call.session();
            case AGENT -> call.agent();
            case GLOBAL -> "";
        };
        return key == null ? "" : key;
    }
}
