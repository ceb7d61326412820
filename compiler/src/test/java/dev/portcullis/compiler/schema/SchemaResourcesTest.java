package dev.portcullis.compiler.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped schemas: the classpath resources are the source of truth, {@code docs/} holds
 * byte-identical copies for editors, and both are valid draft 2020-12 schemas that editors can
 * autocomplete from (every property described).
 */
class SchemaResourcesTest {

    private static final String RESOURCE_FOLDER = "/dev/portcullis/compiler/schema/";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SchemaResourcesTest.class.getResourceAsStream(RESOURCE_FOLDER + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy-1.schema.json", "intercept-1.schema.json"})
    void docsCopyIsIdenticalToTheResource(String name) throws IOException {
        Path docs = Path.of(System.getProperty("basedir", "."), "..", "docs", name).normalize();
        assertThat(docs).as("docs copy; run: cp compiler/src/main/resources%s%s docs/", RESOURCE_FOLDER, name).exists();
        assertThat(Files.readAllBytes(docs))
                .as("docs/%s differs from the resource; run: cp compiler/src/main/resources%s%s docs/", name, RESOURCE_FOLDER, name)
                .isEqualTo(resource(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy-1.schema.json", "intercept-1.schema.json"})
    void isAValidDraft202012Schema(String name) throws IOException {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(tree(name))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy-1.schema.json", "intercept-1.schema.json"})
    void everyReferenceResolvesAndEveryPropertyIsDescribed(String name) throws IOException {
        JsonNode root = tree(name);
        List<String> problems = new ArrayList<>();
        walk(root, root, "", problems);
        assertThat(problems).isEmpty();
    }

    private static void walk(JsonNode root, JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asString().startsWith("#") || root.at(ref.asString().substring(1)).isMissingNode())) {
                problems.add(at + ": unresolved $ref " + ref);
            }
            JsonNode properties = node.get("properties");
            if (properties != null && !at.contains("/if")) {
                for (Map.Entry<String, JsonNode> property : properties.properties()) {
                    if (!described(root, property.getValue())) {
                        problems.add(at + "/properties/" + property.getKey() + ": no description");
                    }
                }
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                walk(root, child.getValue(), at + "/" + child.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(root, node.get(i), at + "/" + i, problems);
            }
        }
    }

    private static boolean described(JsonNode root, JsonNode schema) {
        if (schema.has("description")) {
            return true;
        }
        JsonNode ref = schema.get("$ref");
        return ref != null && ref.asString().startsWith("#") && root.at(ref.asString().substring(1)).has("description");
    }

    private static JsonNode tree(String name) throws IOException {
        return JsonMapper.builder().build().readTree(resource(name));
    }
}
