package dev.portcullis.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * One MCP {@code tools/call} as the policy sees it.
 *
 * <p>{@code arguments} has the shape Jackson and the MCP Java SDK produce: {@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean} and {@code null}. The map is not copied, so that
 * deciding a call does not allocate; policies only read it, and the caller must not change it while
 * a decision is being made.
 *
 * <p>{@code grant}, {@code session} and {@code agent} identify the caller and may each be {@code null}.
 * A limit scoped to an identity that a call lacks counts that call in one shared budget for all
 * calls without it, so leaving out an identity never escapes a limit.
 *
 * <p>{@code timeMillis} is the call's time in epoch milliseconds. It is always passed in, never read
 * from a clock inside the policy, so that replaying a recorded transcript is deterministic.
 */
public record ToolCall(String tool, Map<String, Object> arguments, String grant, String session,
                       String agent, long timeMillis) {

    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null ? Map.of() : arguments;
    }

    /** A call without caller identity. */
    public static ToolCall of(String tool, Map<String, Object> arguments, long timeMillis) {
        return new ToolCall(tool, arguments, null, null, null, timeMillis);
    }

    /** A builder, convenient when only some identity fields are known. */
    public static Builder builder(String tool) {
        return new Builder(tool);
    }

    /** Builds a {@link ToolCall}; every field but the tool is optional. */
    public static final class Builder {
        private final String tool;
        private Map<String, Object> arguments = Map.of();
        private String grant;
        private String session;
        private String agent;
        private long timeMillis;

        private Builder(String tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
        }

        public Builder arguments(Map<String, Object> arguments) {
            this.arguments = arguments;
            return this;
        }

        public Builder grant(String grant) {
            this.grant = grant;
            return this;
        }

        public Builder session(String session) {
            this.session = session;
            return this;
        }

        public Builder agent(String agent) {
            this.agent = agent;
            return this;
        }

        public Builder timeMillis(long timeMillis) {
            this.timeMillis = timeMillis;
            return this;
        }

        public ToolCall build() {
            return new ToolCall(tool, arguments, grant, session, agent, timeMillis);
        }
    }
}
