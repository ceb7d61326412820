package dev.portcullis.compiler.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.diagnostic.Suggestions;
import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.source.SourceMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Validates a tree against one JSON Schema (networknt, draft 2020-12) and reports every violation
 * as a {@link Diagnostic} at the position of the offending node in the user's file.
 *
 * <p>Messages are written for people, from the schema itself: an unknown field suggests the
 * closest allowed field ({@code properties} of the schema object that refused it), a bad enum value
 * the closest allowed value, and a pattern mismatch quotes the {@code description} of the schema
 * that holds the pattern. Every error of the tree is reported, not only the first.
 */
public final class SchemaDiagnostics {

    private final Schema schema;
    private final JsonNode schemaRoot;
    private final Map<String, List<String>> shorthandNames;

    /**
     * @param schema     the compiled schema
     * @param schemaRoot the schema document it was compiled from, for descriptions and allowed names;
     *                   all {@code $ref}s must be local to it
     */
    public SchemaDiagnostics(Schema schema, JsonNode schemaRoot) {
        this(schema, schemaRoot, Map.of());
    }

    /**
     * @param shorthandNames by JSON Pointer of an object schema in {@code schemaRoot}, field names a front
     *                       end accepts there and lowers before validation (PolicyLayer's {@code rate_limit}):
     *                       the schema does not list them, yet a near miss of one deserves its "did you mean"
     */
    public SchemaDiagnostics(Schema schema, JsonNode schemaRoot, Map<String, List<String>> shorthandNames) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.schemaRoot = Objects.requireNonNull(schemaRoot, "schemaRoot");
        this.shorthandNames = Map.copyOf(shorthandNames);
    }

    /** Every violation of the schema by {@code tree}, positioned through {@code positions}, in file order. */
    public List<Diagnostic> validate(JsonNode tree, SourceMap positions) {
        Set<Diagnostic> found = new LinkedHashSet<>();
        for (Error error : schema.validate(tree)) {
            found.add(toDiagnostic(error, tree, positions));
        }
        return new ArrayList<>(found);
    }

    private Diagnostic toDiagnostic(Error error, JsonNode tree, SourceMap positions) {
        String pointer = pointerOf(error.getInstanceLocation());
        String subject = JsonPointers.toDisplayPath(pointer);
        JsonNode instance = error.getInstanceNode() != null ? error.getInstanceNode() : tree.at(pointer);
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String schemaPointer = pointerOf(error.getSchemaLocation().getFragment());
        JsonNode keywordValue = schemaRoot.at(schemaPointer);
        JsonNode owner = schemaRoot.at(parentOf(schemaPointer));
        switch (keyword) {
            case "additionalProperties": {
                String name = error.getProperty();
                List<String> allowed = new ArrayList<>(owner.path("properties").propertyNames());
                allowed.addAll(shorthandNames.getOrDefault(parentOf(schemaPointer), List.of()));
                return Diagnostic.of(DiagnosticCode.UNKNOWN_FIELD, positions.positionOf(JsonPointers.child(pointer, name)),
                        name, subject, Suggestions.didYouMean(name, allowed));
            }
            case "required":
                return Diagnostic.of(DiagnosticCode.MISSING_FIELD, positions.positionOf(pointer), subject, error.getProperty());
            case "type":
                return Diagnostic.of(DiagnosticCode.WRONG_TYPE, positions.positionOf(pointer),
                        subjectWithOperator(subject, pointer, tree), expectedType(owner, keywordValue), describe(instance));
            case "enum":
            case "const":
                return invalidValue(keywordValue, instance, pointer, subject, positions);
            case "minimum":
                return Diagnostic.of(DiagnosticCode.OUT_OF_RANGE, positions.positionOf(pointer), subject,
                        "at least " + keywordValue, describe(instance));
            case "exclusiveMinimum":
                return Diagnostic.of(DiagnosticCode.OUT_OF_RANGE, positions.positionOf(pointer), subject,
                        "greater than " + keywordValue, describe(instance));
            case "minItems":
                return Diagnostic.of(DiagnosticCode.OUT_OF_RANGE, positions.positionOf(pointer), subject,
                        "a list of at least " + keywordValue + " item" + (keywordValue.asInt() == 1 ? "" : "s"),
                        describe(instance));
            case "minLength":
            case "maxLength":
            case "pattern":
            case "not":
                return Diagnostic.of(DiagnosticCode.INVALID_FORMAT, positions.positionOf(pointer), subject,
                        owner.path("description").asString("valid"), describe(instance));
            case "uniqueItems":
                return duplicateEntry(instance, pointer, subject, positions);
            case "propertyNames": {
                // the offending element is the key, not the object that holds it
                String name = error.getProperty() == null ? "" : error.getProperty();
                return Diagnostic.of(DiagnosticCode.INVALID_FORMAT, positions.positionOf(JsonPointers.child(pointer, name)),
                        "a key of " + subject, resolved(keywordValue).path("description").asString("a valid name"),
                        quoted(name));
            }
            default:
                return Diagnostic.of(DiagnosticCode.SCHEMA_VIOLATION, positions.positionOf(pointer), subject, error.getMessage());
        }
    }

    /** A subschema with a local {@code $ref} replaced by what it refers to. */
    private JsonNode resolved(JsonNode subschema) {
        String ref = subschema.path("$ref").asString("");
        return ref.startsWith("#") ? schemaRoot.at(ref.substring(1)) : subschema;
    }

    private Diagnostic invalidValue(JsonNode allowed, JsonNode instance, String pointer, String subject, SourceMap positions) {
        List<JsonNode> values = new ArrayList<>();
        if (allowed.isArray()) {
            allowed.forEach(values::add);
        } else {
            values.add(allowed);
        }
        // strings quoted, other values as JSON: the version enum ["1", 1] reads "1", 1 rather than "1", "1"
        List<String> shown = values.stream().map(v -> v.isString() ? quoted(v.asString()) : v.toString()).toList();
        String expected = shown.size() == 1 ? shown.get(0) : "one of " + String.join(", ", shown);
        List<String> names = values.stream().filter(JsonNode::isString).map(JsonNode::asString).toList();
        String suggestion = instance.isString() ? Suggestions.didYouMean(instance.asString(), names) : "";
        return Diagnostic.of(DiagnosticCode.INVALID_VALUE, positions.positionOf(pointer), subject, expected,
                describe(instance), suggestion);
    }

    private Diagnostic duplicateEntry(JsonNode array, String pointer, String subject, SourceMap positions) {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!seen.add(array.get(i))) {
                return Diagnostic.of(DiagnosticCode.DUPLICATE_ENTRY, positions.positionOf(JsonPointers.child(pointer, i)),
                        subject, describe(array.get(i)));
            }
        }
        return Diagnostic.of(DiagnosticCode.DUPLICATE_ENTRY, positions.positionOf(pointer), subject, "an entry");
    }

    /** For a condition's {@code value}, names the operator that decides its type. */
    private static String subjectWithOperator(String subject, String pointer, JsonNode tree) {
        if (!pointer.endsWith("/value")) {
            return subject;
        }
        JsonNode op = tree.at(pointer.substring(0, pointer.length() - "/value".length())).path("op");
        return op.isString() ? subject + " (operator '" + op.asString() + "')" : subject;
    }

    private static String expectedType(JsonNode owner, JsonNode type) {
        JsonNode description = owner.path("description");
        if (description.isString() && description.asString().startsWith("a ")) {
            return description.asString();
        }
        if (type.isArray()) {
            List<String> words = new ArrayList<>();
            type.forEach(t -> words.add(typeWord(t.asString())));
            return String.join(" or ", words);
        }
        return typeWord(type.asString());
    }

    private static String typeWord(String jsonType) {
        switch (jsonType) {
            case "object":
                return "an object";
            case "array":
                return "a list";
            case "integer":
                return "an integer";
            case "null":
                return "null";
            default:
                return "a " + jsonType;
        }
    }

    /** A value as messages show it: strings quoted, other scalars as written, containers by kind. */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isString()) {
            String text = value.asString();
            return text.length() > 60 ? quoted(text.substring(0, 57) + "...") : quoted(text);
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "an empty list" : "a list of " + value.size();
        }
        return value.toString();
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String pointerOf(NodePath path) {
        String pointer = "";
        if (path == null) {
            return pointer;
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer = element instanceof Integer index
                    ? JsonPointers.child(pointer, index)
                    : JsonPointers.child(pointer, String.valueOf(element));
        }
        return pointer;
    }

    private static String parentOf(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }
}
