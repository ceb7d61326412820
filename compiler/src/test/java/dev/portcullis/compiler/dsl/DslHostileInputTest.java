package dev.portcullis.compiler.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input ends in diagnostics, quickly: never an exception, a stack overflow or a
 * hang (the parser is recursive descent, so nesting is capped before it parses).
 */
class DslHostileInputTest {

    /** Generous: the build machine is shared; what matters is that nothing hangs or grows quadratically. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);
    private static final Duration PER_FUZZED_FILE = Duration.ofSeconds(1);

    private static DslReadResult readQuickly(Duration limit, Supplier<byte[]> content) {
        return assertTimeoutPreemptively(limit, () -> new DslFrontEnd(IncludeResolver.disabled())
                .parse(Dsl.FILE, content.get()));
    }

    private static DslReadResult readQuickly(String source) {
        return readQuickly(QUICKLY, () -> source.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tenThousandParentheses() {
        String source = "tool a { require " + "(".repeat(10_000) + "args.x == 1" + ")".repeat(10_000) + " }";
        assertThat(Dsl.messages(readQuickly(source)))
                .containsExactly("test.policy:1:117: error PC009: policy exceeds a safety limit: nesting deeper than 100 levels");
    }

    @Test
    void tenThousandNots() {
        DslReadResult result = readQuickly("tool a { require " + "not ".repeat(10_000) + "args.x exists }");
        assertThat(Dsl.codes(result)).containsExactly("PC009");
    }

    @Test
    void tenThousandNestedJsonArraysAndObjects() {
        assertThat(Dsl.codes(readQuickly("tool a { require args.x == " + "[".repeat(10_000) + "]".repeat(10_000) + " }")))
                .containsExactly("PC009");
        assertThat(Dsl.codes(readQuickly("{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000))))
                .containsExactly("PC009");
    }

    @Test
    void aLongFlatChainIsNotDeep() {
        StringBuilder chain = new StringBuilder("args.x0 == 0");
        for (int i = 1; i < 10_000; i++) {
            chain.append(" or ").append("args.x").append(i).append(" == ").append(i);
        }
        // the parser builds a left-leaning tree 10,000 deep: walking it by recursion would overflow
        DslReadResult result = readQuickly("tool a { deny if " + chain + " }");
        assertThat(result.result().document().orElseThrow().tree().at("/tools/a/deny_if/0/any")).hasSize(10_000);
        assertThat(result.result().document()).isPresent();
        String printed = DslPrinter.print(result.result().document().get().tree());
        assertThat(readQuickly(printed).result().document().get().tree())
                .isEqualTo(result.result().document().get().tree());
    }

    @Test
    void aFileOverTheSizeLimit() {
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) '#');
        assertThat(Dsl.messages(readQuickly(QUICKLY, () -> huge)))
                .containsExactly("test.policy: error PC006: policy file is 5242880 bytes; the limit is 4194304 bytes");
    }

    /** Linear, not quadratic: a megabyte takes about a second on a busy machine, so this allows for a very busy one. */
    @Test
    void aLargeValidFileParsesInTime() {
        StringBuilder source = new StringBuilder("policy \"big\" default deny\ncounter c = 100 per minute\n");
        for (int i = 0; source.length() < 1_000_000; i++) {
            source.append("tool tool_").append(i).append(" { limit c require args.id").append(i)
                    .append(" in [\"a\", \"b\"] and args.n < ").append(i).append(" }\n");
        }
        DslReadResult result = readQuickly(Duration.ofSeconds(30), () -> source.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(result.result().diagnostics()).isEmpty();
    }

    @Test
    void aVeryLongString() {
        assertThat(Dsl.codes(readQuickly("policy \"" + "x".repeat(200_000) + "\""))).containsExactly("PC009");
    }

    @Test
    void invalidUtf8() {
        byte[] bytes = {'t', 'o', 'o', 'l', ' ', (byte) 0xC3, (byte) 0x28, ' ', '{', '}'};
        assertThat(Dsl.messages(readQuickly(QUICKLY, () -> bytes))).containsExactly(
                "test.policy:1:6: error PC007: policy file is not valid UTF-8: "
                        + "byte 0xC3 at offset 5 does not start a valid UTF-8 sequence");
    }

    @Test
    void nulBytes() {
        DslReadResult result = readQuickly(QUICKLY, () -> "tool a {}\n\0\0\0".getBytes(StandardCharsets.UTF_8));
        assertThat(Dsl.codes(result)).isNotEmpty().allMatch("PC008"::equals);
        assertThat(result.result().diagnostics().get(0).position().line()).isEqualTo(2);
    }

    @Test
    void escapesCannotSmuggleForbiddenCharacters() {
        assertThat(Dsl.codes(readQuickly("tool a { deny \"\\u0000\\u202e\" }"))).containsExactly("PC008");
    }

    @Test
    void tooManyErrorsStopEarly() {
        DslReadResult result = readQuickly("tool a {" + " @".repeat(5_000) + " }\n" + "tool b { ! }\n".repeat(500));
        assertThat(result.result().diagnostics()).hasSizeLessThanOrEqualTo(SyntaxErrorCollector.MAX_ERRORS + 1);
    }

    /** The per-file time limit is about the input, not about loading and compiling the parser. */
    @BeforeContainer
    static void warmUp() {
        for (int i = 0; i < 20; i++) {
            new DslFrontEnd(IncludeResolver.disabled()).parse(Dsl.FILE, VALID.getBytes(StandardCharsets.UTF_8));
            new DslFrontEnd(IncludeResolver.disabled()).parse(Dsl.FILE, "tool { @ ".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Property(tries = 300)
    void randomBytesGiveDiagnosticsNotExceptions(@ForAll("randomBytes") byte[] bytes) {
        DslReadResult result = readQuickly(PER_FUZZED_FILE, () -> bytes);
        assertThat(result.result().document().isPresent() || !result.result().diagnostics().isEmpty()).isTrue();
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        Arbitrary<byte[]> policyish = Arbitraries.strings()
                .withChars("{}[]()\"\\#/*.,:=<>!&|' \n\tabcdeilnoprstuwy0123456789_-")
                .withChars('\u00e9', '\u2603', '\0')
                .ofMaxLength(2_000)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(anyBytes, policyish);
    }

    private static final String VALID = """
            policy "healthlake" default deny
            counter exports = 10 per minute per grant sliding
            tool start_fhir_export_job {
              limit exports
              require args.output_data_config.s3_configuration.s3_uri startsWith "s3://phi-exports/"
                else "exports must land in the PHI bucket"
              deny if args.job_name matches "^tmp" or not (args.count < 5 and args.kind in ["a", "b"])
              rule "hourly" limit 5 per 1h globally else "slow down"
            }
            tool list_*, get_* { allow }
            all tools { limit calls = 100 per 90s per args.datastore_id }
            """;

    @Property(tries = 500)
    void mutatedValidFilesGiveDiagnosticsNotExceptions(@ForAll("mutations") String source) {
        DslReadResult result = readQuickly(PER_FUZZED_FILE, () -> source.getBytes(StandardCharsets.UTF_8));
        result.result().document().ifPresent(document -> {
            // whatever still reads must print and read back to the same tree
            String printed = DslPrinter.print(document.tree());
            assertThat(Dsl.read(printed).result().document().map(d -> d.tree())).contains(document.tree());
        });
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Tuple.Tuple3<Integer, Integer, String>> edit = Combinators.combine(
                Arbitraries.integers().between(0, VALID.length()),
                Arbitraries.integers().between(0, 12),
                Arbitraries.of("", "{", "}", "(", ")", "\"", "#", " not ", " and ", "[", "]", ",", "=", "==", "per",
                        "tool", "\n", "*", ".", "\\", "'", "limit", "rule", "0", "99999999999999999999", "-"))
                .as(Tuple::of);
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            StringBuilder text = new StringBuilder(VALID);
            for (Tuple.Tuple3<Integer, Integer, String> e : edits) {
                int at = Math.min(e.get1(), text.length());
                int end = Math.min(text.length(), at + e.get2());
                text.replace(at, end, e.get3());
            }
            return text.toString();
        });
    }
}
