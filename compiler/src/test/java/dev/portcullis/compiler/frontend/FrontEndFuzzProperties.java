package dev.portcullis.compiler.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, both front ends answer with diagnostics or a document, never an exception:
 * random bytes, and valid policies with random edits (the near misses people actually write).
 */
class FrontEndFuzzProperties {

    private static final FrontEnds FRONT_ENDS = FrontEnds.standard();
    private static final String VALID_YAML = fixture("fixtures/intercept/valid-complete.yaml");
    private static final String VALID_JSON = fixture("fixtures/json/full-canonical.json");

    @Property(tries = 250)
    void randomBytesNeverThrow(@ForAll @Size(max = 2_000) byte[] bytes) {
        checkAnswer("random.json", bytes);
        checkAnswer("random.yaml", bytes);
    }

    @Property(tries = 250)
    void editedYamlPoliciesNeverThrow(@ForAll("editedYaml") String text) {
        checkAnswer("edited.yaml", text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 250)
    void editedJsonPoliciesNeverThrow(@ForAll("editedJson") String text) {
        checkAnswer("edited.json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> editedYaml() {
        return edits(VALID_YAML);
    }

    @Provide
    Arbitrary<String> editedJson() {
        return edits(VALID_JSON);
    }

    /** One to five edits: a character deleted, replaced by a syntax-relevant one, or a span duplicated. */
    private static Arbitrary<String> edits(String original) {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, original.length() - 1),
                Arbitraries.of(':', '-', ' ', '\n', '"', '{', '}', '[', ']', ',', '&', '*', '!', '#', '1', 'x', '\t'),
                Arbitraries.integers().between(1, 40)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(5).map(list -> {
            StringBuilder text = new StringBuilder(original);
            for (Edit e : list) {
                e.applyTo(text);
            }
            return text.toString();
        });
    }

    private record Edit(int kind, int position, char character, int length) {

        void applyTo(StringBuilder text) {
            if (text.length() == 0) {
                return;
            }
            int at = Math.min(position, text.length() - 1);
            switch (kind) {
                case 0:
                    text.deleteCharAt(at);
                    break;
                case 1:
                    text.setCharAt(at, character);
                    break;
                default:
                    text.insert(at, text.substring(at, Math.min(text.length(), at + length)));
            }
        }
    }

    private static void checkAnswer(String name, byte[] content) {
        FrontEndResult result = FRONT_ENDS.readAndValidate(name, content);
        List<Diagnostic> diagnostics = result.diagnostics();
        assertThat(result.document().isPresent() || result.hasErrors())
                .as("no document needs an error: %s", diagnostics).isTrue();
        assertThat(diagnostics).allSatisfy(d -> {
            assertThat(d.position().file()).isEqualTo(name);
            assertThat(d.message()).isNotBlank();
        });
        if (!result.hasErrors()) {
            assertThat(new CanonicalSchemaValidator().validate(result.document().orElseThrow()))
                    .as("a document without errors is valid canonical").isEmpty();
        }
    }

    private static String fixture(String resource) {
        try (InputStream in = FrontEndFuzzProperties.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
