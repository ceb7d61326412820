package dev.portcullis.testkit.junit;

import dev.portcullis.compiler.diagnostic.Diagnostic;
import dev.portcullis.testkit.policy.PolicyLoadResult;
import dev.portcullis.testkit.policy.PolicyLoader;
import dev.portcullis.testkit.replay.PolicyCatalog;
import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.ReplayListener;
import dev.portcullis.testkit.replay.RunResult;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.transcript.TranscriptFinder;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Transcripts as JUnit 5 dynamic tests, one per transcript, so policy tests run in the IDE with the
 * project's other tests and each transcript can be rerun alone.
 *
 * <pre>{@code
 * class HealthlakePolicyTest {
 *     @TestFactory
 *     Stream<DynamicTest> transcripts() {
 *         return TranscriptTests.dynamicTests(Path.of("src/main/policies"), Path.of("src/test/transcripts"));
 *     }
 * }
 * }</pre>
 *
 * <p>A test fails with every mismatch of its transcript ({@code runaway-agent.jsonl:12 start_fhir_export_job
 * expected ALLOW but was DENY: ...}), or with its broken lines. An invalid policy fails the factory itself,
 * with the policy's diagnostics.
 */
public final class TranscriptTests {

    private TranscriptTests() {
    }

    /**
     * Every {@code **}{@code /*.jsonl} under {@code transcriptDirectory}, each against the policy it selects
     * among those in {@code policies} (a policy file, or a directory of them; see {@link PolicyCatalog}).
     */
    public static Stream<DynamicTest> dynamicTests(Path policies, Path transcriptDirectory) {
        return dynamicTests(catalog(policies), find(transcriptDirectory));
    }

    /** Every transcript under {@code transcriptDirectory} against {@code policy}. */
    public static Stream<DynamicTest> dynamicTests(PolicyUnderTest policy, Path transcriptDirectory) {
        return dynamicTests(PolicySelector.always(policy), find(transcriptDirectory));
    }

    /** These transcripts, each against the policy {@code selector} chooses. */
    public static Stream<DynamicTest> dynamicTests(PolicySelector selector, List<TranscriptSource> transcripts) {
        ReplayEngine engine = new ReplayEngine();
        return transcripts.stream().map(source -> DynamicTest.dynamicTest(source.name(),
                source.file().map(Path::toUri).orElse(null),
                () -> assertPassed(replay(engine, source, selector))));
    }

    /** Replays one transcript as a test would, choosing its policy with {@code selector}. */
    static TranscriptResult replay(ReplayEngine engine, TranscriptSource source, PolicySelector selector) {
        RunResult run = engine.run(List.of(source), selector, ReplayListener.NONE);
        return run.transcripts().get(0);
    }

    /** Fails with every problem of the transcript, one per line, the first as the headline. */
    static void assertPassed(TranscriptResult result) {
        if (result.passed()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        result.errors().forEach(error -> problems.add(error.toString()));
        result.mismatches().forEach(mismatch -> problems.add(mismatch.toString()));
        long unlisted = result.errorCount() + result.mismatchCount() - problems.size();
        if (unlisted > 0) {
            problems.add(unlisted + " more not listed");
        }
        String headline = result.name() + ": " + result.status().wireName() + " (" + result.mismatchCount() + " mismatches, "
                + result.errorCount() + " errors)";
        throw new AssertionFailedError(headline + "\n" + String.join("\n", problems));
    }

    /** Loads a policy file or every policy in a directory; an invalid policy is a configuration error. */
    static PolicyCatalog catalog(Path policies) {
        List<PolicyLoadResult> loaded;
        try {
            loaded = Files.isDirectory(policies) ? PolicyLoader.standard().loadAll(policies)
                    : List.of(PolicyLoader.standard().load(policies));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read policies under " + policies, unreadable);
        }
        List<Diagnostic> errors = loaded.stream().flatMap(result -> result.diagnostics().stream())
                .filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("invalid policy:\n" + errors.stream().map(Diagnostic::toString)
                    .collect(Collectors.joining("\n")));
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no policy file (.json, .yaml, .yml) under " + policies);
        }
        PolicyCatalog.Builder catalog = PolicyCatalog.builder();
        loaded.forEach(result -> catalog.add(result.policy().orElseThrow()));
        return catalog.build();
    }

    static List<TranscriptSource> find(Path transcriptDirectory, String... includes) {
        try {
            List<TranscriptSource> found = TranscriptFinder.in(transcriptDirectory).include(includes).find();
            if (found.isEmpty()) {
                throw new IllegalStateException("no transcript (*.jsonl) under " + transcriptDirectory.toAbsolutePath());
            }
            return found;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot list transcripts under " + transcriptDirectory, unreadable);
        }
    }
}
