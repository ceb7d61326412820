package dev.portcullis.compiler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.interpret.PolicyInterpreter;
import dev.portcullis.compiler.ir.BuildResult;
import dev.portcullis.compiler.ir.IrBuilder;
import dev.portcullis.compiler.ir.Policy;
import dev.portcullis.compiler.source.SourceMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Canonical JSON for tests: parse, build without positions, interpret. */
public final class Canonical {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Canonical() {
    }

    public static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    public static BuildResult build(String json) {
        return IrBuilder.build(tree(json), new SourceMap("test.json"), "test");
    }

    /** The IR of a document that must build without errors. */
    public static Policy policy(String json) {
        BuildResult result = build(json);
        assertThat(result.diagnostics()).as("diagnostics of %s", json).filteredOn(d -> d.isError()).isEmpty();
        return result.policy();
    }

    public static PolicyInterpreter interpreter(String json) {
        return new PolicyInterpreter(policy(json), new TestCounterStore());
    }

    public static Map<String, Object> args(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
    }
}
