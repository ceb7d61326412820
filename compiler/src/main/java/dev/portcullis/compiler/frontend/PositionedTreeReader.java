package dev.portcullis.compiler.frontend;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.source.ForbiddenCharacters;
import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.source.ReadLimits;
import dev.portcullis.compiler.source.SourceMap;
import dev.portcullis.compiler.source.SourcePosition;
import dev.portcullis.compiler.source.SourceText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;
import tools.jackson.dataformat.yaml.YAMLSchema;

/**
 * Reads a JSON or YAML policy file with Jackson's streaming parser into a tree, recording in a
 * {@link SourceMap} where every value starts: an object member maps to its key, an array element
 * to its first character. Hostile input ends in diagnostics, never in an exception or a hang:
 * the file is size-checked and strictly decoded first ({@link SourceText}), Jackson's
 * {@link StreamReadConstraints} bound nesting, strings and numbers, duplicate keys are errors, and
 * YAML aliases are expanded here under a budget of values ({@link ReadLimits#maxValues()}) so an
 * alias bomb is refused after a bounded amount of work.
 */
final class PositionedTreeReader {

    /** The file formats this reader parses. */
    enum Syntax {
        JSON, YAML
    }

    /**
     * What reading produced.
     *
     * @param root        the top-level object, when the file parsed and holds one
     * @param positions   where each value of {@code root} starts
     * @param diagnostics problems found, in file order; errors may accompany a root (duplicate keys,
     *                    escaped control characters) when reading could go on
     */
    record Reading(Optional<ObjectNode> root, SourceMap positions, List<Diagnostic> diagnostics) {

        Reading {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private final ReadLimits limits;
    private final StreamReadConstraints constraints;
    private final JsonFactory jsonFactory;

    PositionedTreeReader(ReadLimits limits) {
        this.limits = limits;
        this.constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxDocumentLength(limits.maxFileBytes())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxStringLength())
                .maxNumberLength(100)
                .maxTokenCount(2L * limits.maxValues() + 2)
                .build();
        this.jsonFactory = JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    /**
     * A YAML factory whose reader holds all of {@code text} at once. snakeyaml copies its read window
     * from the start of the current token at every refill, so with a small buffer one long token costs
     * time quadratic in its length (seconds for a scalar of a few MiB); the text is in memory anyway.
     */
    private TokenStreamFactory yamlFactoryFor(String text) {
        LoadSettings yamlSettings = LoadSettings.builder()
                .setCodePointLimit(limits.maxFileBytes())
                .setBufferSize(text.length() + 1)
                .setUseMarks(true)
                // duplicate keys are reported while building the tree, with the first key's line;
                // snakeyaml's check would only say that there is one
                .setAllowDuplicateKeys(true)
                .build();
        // YAML 1.2 core schema: true/false, null/~ and numbers as YAML 1.2 (and Go's yaml.v3) read them.
        return YAMLFactory.builder()
                .yamlSchema(YAMLSchema.CORE)
                .loadSettings(yamlSettings)
                .streamReadConstraints(constraints)
                .build();
    }

    Reading read(String file, byte[] content, Syntax syntax) {
        SourceText.Decoding decoding = SourceText.decode(file, content, limits);
        SourceMap positions = new SourceMap(file);
        if (decoding.text().isEmpty()) {
            return new Reading(Optional.empty(), positions, decoding.diagnostics());
        }
        return new TreeBuilder(file, syntax, positions).build(decoding.text().get());
    }

    /** Stops reading once a diagnostic that makes the rest of the file meaningless was recorded. */
    private static final class StopReading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopReading() {
            super(null, null, false, false);
        }
    }

    /** A completed YAML anchor: its value and how many values it holds. */
    private record Anchored(JsonNode value, int size) {
    }

    /** One read of one file; holds the mutable state of that read. */
    private final class TreeBuilder {

        private final String file;
        private final Syntax syntax;
        private final SourceMap positions;
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final Map<String, Anchored> anchors = new HashMap<>();
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private int values;
        private String text = "";
        private int[] lineStarts;
        private int walkedLine;
        private int walkedColumn;
        private int walkedOffset;

        TreeBuilder(String file, Syntax syntax, SourceMap positions) {
            this.file = file;
            this.syntax = syntax;
            this.positions = positions;
        }

        Reading build(String text) {
            this.text = text;
            TokenStreamFactory factory = syntax == Syntax.JSON ? jsonFactory : yamlFactoryFor(text);
            JsonParser parser = null;
            try {
                parser = factory.createParser(ObjectReadContext.empty(), text);
                JsonToken first = parser.nextToken();
                if (first == null) {
                    return failed(Diagnostic.of(DiagnosticCode.EMPTY_FILE, SourcePosition.ofFile(file)));
                }
                SourcePosition rootPosition = position(parser.currentTokenLocation());
                positions.put("", rootPosition);
                JsonNode root = readValue(parser, first, "", 1);
                JsonToken extra = parser.nextToken();
                if (extra != null) {
                    SourcePosition at = position(parser.currentTokenLocation());
                    diagnostics.add(syntax == Syntax.JSON
                            ? Diagnostic.of(DiagnosticCode.MALFORMED_JSON, at, "unexpected content after the end of the document")
                            : Diagnostic.of(DiagnosticCode.MULTIPLE_DOCUMENTS, at));
                    return failed();
                }
                if (!root.isObject()) {
                    return failed(Diagnostic.of(DiagnosticCode.NOT_AN_OBJECT, rootPosition, kindOf(root)));
                }
                return new Reading(Optional.of((ObjectNode) root), positions, diagnostics);
            } catch (StopReading stop) {
                return failed();
            } catch (StreamConstraintsException e) {
                return failed(Diagnostic.of(DiagnosticCode.INPUT_LIMIT_EXCEEDED, currentPosition(parser),
                        withoutImplementationDetail(e.getOriginalMessage())));
            } catch (JacksonException e) {
                return failed(malformed(e, parser));
            } finally {
                if (parser != null) {
                    closeQuietly(parser);
                }
            }
        }

        private JsonNode readValue(JsonParser parser, JsonToken token, String pointer, int depth) {
            countValue(parser);
            if (syntax == Syntax.YAML) {
                return readYamlValue(parser, token, pointer, depth);
            }
            return readPlainValue(parser, token, pointer, depth);
        }

        private JsonNode readYamlValue(JsonParser parser, JsonToken token, String pointer, int depth) {
            YAMLParser yaml = (YAMLParser) parser;
            if (token == JsonToken.VALUE_STRING && yaml.isCurrentAlias()) {
                return expandAlias(parser, yaml.getString());
            }
            Object anchor = token.isScalarValue() || token.isStructStart() ? yaml.getObjectId() : null;
            int sizeBefore = values;
            JsonNode value = readPlainValue(parser, token, pointer, depth);
            if (anchor != null) {
                anchors.put(anchor.toString(), new Anchored(value, values - sizeBefore + 1));
            }
            return value;
        }

        private JsonNode expandAlias(JsonParser parser, String name) {
            Anchored anchored = anchors.get(name);
            if (anchored == null) {
                diagnostics.add(Diagnostic.of(DiagnosticCode.UNDEFINED_YAML_ALIAS, tokenPosition(parser), name));
                return nodes.nullNode();
            }
            if ((long) values + anchored.size() > limits.maxValues()) {
                diagnostics.add(Diagnostic.of(DiagnosticCode.YAML_ALIAS_LIMIT, tokenPosition(parser), limits.maxValues()));
                throw new StopReading();
            }
            values += anchored.size() - 1;
            return anchored.value().deepCopy();
        }

        private JsonNode readPlainValue(JsonParser parser, JsonToken token, String pointer, int depth) {
            switch (token) {
                case START_OBJECT:
                    return readObject(parser, pointer, depth);
                case START_ARRAY:
                    return readArray(parser, pointer, depth);
                case VALUE_STRING:
                    String text = parser.getString();
                    checkCharacters(text, tokenPosition(parser));
                    return nodes.stringNode(text);
                case VALUE_NUMBER_INT:
                    switch (parser.getNumberType()) {
                        case INT:
                            return nodes.numberNode(parser.getIntValue());
                        case LONG:
                            return nodes.numberNode(parser.getLongValue());
                        default:
                            return nodes.numberNode(parser.getBigIntegerValue());
                    }
                case VALUE_NUMBER_FLOAT:
                    double number = parser.getDoubleValue();
                    if (!Double.isFinite(number)) {
                        diagnostics.add(Diagnostic.of(DiagnosticCode.INPUT_LIMIT_EXCEEDED, tokenPosition(parser),
                                "number " + parser.getString() + " is not a finite number"));
                    }
                    return nodes.numberNode(number);
                case VALUE_TRUE:
                    return nodes.booleanNode(true);
                case VALUE_FALSE:
                    return nodes.booleanNode(false);
                case VALUE_NULL:
                    return nodes.nullNode();
                default:
                    diagnostics.add(syntax == Syntax.JSON
                            ? Diagnostic.of(DiagnosticCode.MALFORMED_JSON, tokenPosition(parser), "unsupported value " + token)
                            : Diagnostic.of(DiagnosticCode.MALFORMED_YAML, tokenPosition(parser),
                                    "unsupported value (binary and other tagged values are not allowed in a policy)"));
                    throw new StopReading();
            }
        }

        private ObjectNode readObject(JsonParser parser, String pointer, int depth) {
            checkDepth(parser, depth);
            ObjectNode object = nodes.objectNode();
            Map<String, SourcePosition> seen = new HashMap<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                SourcePosition keyPosition = tokenPosition(parser);
                checkCharacters(name, keyPosition);
                SourcePosition first = seen.putIfAbsent(name, keyPosition);
                String child = JsonPointers.child(pointer, name);
                JsonToken valueToken = parser.nextToken();
                if (first == null) {
                    positions.put(child, keyPosition);
                    object.set(name, readValue(parser, valueToken, child, depth + 1));
                } else {
                    // the first value stays; the second is skipped so that it cannot overwrite the
                    // positions recorded for the first one's members
                    diagnostics.add(Diagnostic.of(DiagnosticCode.DUPLICATE_KEY, keyPosition, name, first.line()));
                    parser.skipChildren();
                }
            }
            expectEnd(parser, token, JsonToken.END_OBJECT);
            return object;
        }

        private ArrayNode readArray(JsonParser parser, String pointer, int depth) {
            checkDepth(parser, depth);
            ArrayNode array = nodes.arrayNode();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                String child = JsonPointers.child(pointer, array.size());
                positions.put(child, tokenPosition(parser));
                array.add(readValue(parser, token, child, depth + 1));
            }
            expectEnd(parser, token, JsonToken.END_ARRAY);
            return array;
        }

        private void expectEnd(JsonParser parser, JsonToken token, JsonToken expected) {
            if (token != expected) {
                diagnostics.add(syntax == Syntax.JSON
                        ? Diagnostic.of(DiagnosticCode.MALFORMED_JSON, currentPosition(parser), "unexpected end of input")
                        : Diagnostic.of(DiagnosticCode.MALFORMED_YAML, currentPosition(parser), "unexpected end of input"));
                throw new StopReading();
            }
        }

        private void checkDepth(JsonParser parser, int depth) {
            if (depth > limits.maxNestingDepth()) {
                diagnostics.add(Diagnostic.of(DiagnosticCode.INPUT_LIMIT_EXCEEDED, tokenPosition(parser),
                        "nesting deeper than " + limits.maxNestingDepth() + " levels"));
                throw new StopReading();
            }
        }

        private void countValue(JsonParser parser) {
            values++;
            if (values > limits.maxValues()) {
                diagnostics.add(Diagnostic.of(DiagnosticCode.INPUT_LIMIT_EXCEEDED, tokenPosition(parser),
                        "more than " + limits.maxValues() + " values"));
                throw new StopReading();
            }
        }

        private void checkCharacters(String text, SourcePosition at) {
            int index = ForbiddenCharacters.indexOfFirst(text);
            if (index >= 0) {
                diagnostics.add(Diagnostic.of(DiagnosticCode.CONTROL_CHARACTER, at,
                        ForbiddenCharacters.describe(text, index), " (written as an escape sequence in a string)"));
            }
        }

        private Diagnostic malformed(JacksonException e, JsonParser parser) {
            DiagnosticCode code = syntax == Syntax.JSON ? DiagnosticCode.MALFORMED_JSON : DiagnosticCode.MALFORMED_YAML;
            if (e.getCause() instanceof MarkedYamlEngineException yaml) {
                Optional<Mark> mark = yaml.getProblemMark().or(yaml::getContextMark);
                SourcePosition at = mark
                        .map(m -> new SourcePosition(file, m.getLine() + 1, utf16Column(m.getLine() + 1, m.getColumn() + 1)))
                        .orElseGet(() -> currentPosition(parser));
                String problem = yaml.getProblem() == null ? "" : yaml.getProblem();
                String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
                return Diagnostic.of(code, at, oneLine(context + problem));
            }
            TokenStreamLocation location = e.getLocation();
            SourcePosition at = location != null && location.getLineNr() > 0 ? position(location) : currentPosition(parser);
            return Diagnostic.of(code, at, oneLine(withoutImplementationDetail(e.getOriginalMessage())));
        }

        private Reading failed(Diagnostic diagnostic) {
            diagnostics.add(diagnostic);
            return failed();
        }

        private Reading failed() {
            return new Reading(Optional.empty(), positions, diagnostics);
        }

        private SourcePosition tokenPosition(JsonParser parser) {
            return position(parser.currentTokenLocation());
        }

        private SourcePosition currentPosition(JsonParser parser) {
            if (parser == null) {
                return SourcePosition.ofFile(file);
            }
            return position(parser.currentLocation());
        }

        private SourcePosition position(TokenStreamLocation location) {
            if (location == null || location.getLineNr() <= 0) {
                return SourcePosition.ofFile(file);
            }
            int column = Math.max(location.getColumnNr(), 0);
            return new SourcePosition(file, location.getLineNr(),
                    syntax == Syntax.YAML ? utf16Column(location.getLineNr(), column) : column);
        }

        /**
         * snakeyaml counts columns in code points, Jackson's JSON parser (like javac and most editors)
         * in UTF-16 units; converts a YAML column so that a character outside the BMP (an emoji) before
         * it counts the same in both formats.
         */
        private int utf16Column(int line, int codePointColumn) {
            if (codePointColumn <= 1) {
                return codePointColumn;
            }
            if (lineStarts == null) {
                lineStarts = lineStarts(text);
            }
            if (line > lineStarts.length) {
                return codePointColumn;
            }
            int start = lineStarts[line - 1];
            // positions are asked for in document order: walk on from the last one, so a long line costs O(length)
            if (line != walkedLine || codePointColumn < walkedColumn) {
                walkedLine = line;
                walkedColumn = 1;
                walkedOffset = start;
            }
            while (walkedColumn < codePointColumn && walkedOffset < text.length()) {
                walkedOffset += Character.charCount(text.codePointAt(walkedOffset));
                walkedColumn++;
            }
            return walkedOffset - start + 1;
        }
    }

    /** Where each line starts; a line ends at LF, CR LF or a lone CR, as both parsers count lines. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String kindOf(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    /** Jackson's constraint messages name the Java method that sets the limit; users need only the limit. */
    private static String withoutImplementationDetail(String message) {
        if (message == null) {
            return "unreadable input";
        }
        return message.replaceAll(", from `[^`]*`", "");
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static void closeQuietly(JsonParser parser) {
        try {
            parser.close();
        } catch (JacksonException ignored) {
            // closing a parser over a String cannot lose data; the diagnostics are already recorded
        }
    }
}
