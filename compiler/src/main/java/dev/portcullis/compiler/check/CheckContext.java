package dev.portcullis.compiler.check;

import java.util.Objects;
import java.util.Optional;

/**
 * What checks may know beyond the policy.
 *
 * @param tools the tools the MCP server offers, when a {@code tools/list} result was supplied; checks
 *              that need it do nothing without it
 */
public record CheckContext(Optional<ToolCatalog> tools) {

    public CheckContext {
        Objects.requireNonNull(tools, "tools");
    }

    public static CheckContext none() {
        return new CheckContext(Optional.empty());
    }

    public static CheckContext withTools(ToolCatalog tools) {
        return new CheckContext(Optional.of(tools));
    }
}
