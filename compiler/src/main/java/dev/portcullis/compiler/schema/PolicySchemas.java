package dev.portcullis.compiler.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas Portcullis ships, loaded from the classpath once and shared: they are immutable
 * after loading and validation is thread-safe. {@code docs/} holds byte-identical copies for editors.
 */
public final class PolicySchemas {

    /** Classpath resource of the canonical policy schema, version 1. */
    public static final String CANONICAL_RESOURCE = "/dev/portcullis/compiler/schema/policy-1.schema.json";

    /** Classpath resource of the schema of Intercept's YAML policy format, version 1, as Portcullis reads it. */
    public static final String INTERCEPT_RESOURCE = "/dev/portcullis/compiler/schema/intercept-1.schema.json";

    private PolicySchemas() {
    }

    /** Diagnostics against the canonical schema ({@code policy-1.schema.json}). */
    public static SchemaDiagnostics canonical() {
        return CanonicalHolder.INSTANCE;
    }

    /** Diagnostics against the raw Intercept YAML schema ({@code intercept-1.schema.json}). */
    public static SchemaDiagnostics intercept() {
        return InterceptHolder.INSTANCE;
    }

    /** Initialization-on-demand: the schema is compiled on first use, once, without locking afterwards. */
    private static final class CanonicalHolder {
        // PolicyLayer's FAQ shorthand, lowered to a limit by the JSON front end before validation
        static final SchemaDiagnostics INSTANCE = load(CANONICAL_RESOURCE, Map.of("/$defs/entry", List.of("rate_limit")));
    }

    private static final class InterceptHolder {
        static final SchemaDiagnostics INSTANCE = load(INTERCEPT_RESOURCE, Map.of());
    }

    private static SchemaDiagnostics load(String resource, Map<String, List<String>> shorthandNames) {
        try (InputStream in = PolicySchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the classpath: " + resource);
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            // messages in the validator's base (English) bundle whatever the JVM's default locale, so that
            // a build prints the same diagnostics everywhere; ROOT, as ENGLISH would fall back to the default
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().locale(Locale.ROOT).build();
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    registry -> registry.schemaRegistryConfig(config)).getSchema(root);
            schema.initializeValidators();
            return new SchemaDiagnostics(schema, root, shorthandNames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }
}
