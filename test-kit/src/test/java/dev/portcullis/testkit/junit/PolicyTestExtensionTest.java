package dev.portcullis.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.portcullis.testkit.fixture.FhirExportFixturePolicy;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import dev.portcullis.testkit.replay.TranscriptResult;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs small test classes through the JUnit engine, as a user's build would, and checks what it reports. */
class PolicyTestExtensionTest {

    private static final String POLICY = "src/test/resources/e2e/fhir-export.json";
    private static final String TRANSCRIPTS = "src/test/resources/junit/transcripts";

    @Test
    void theTestFactoryMakesOneTestPerTranscript() {
        Events tests = run(FactoryExample.class);
        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(displayNames(tests.succeeded())).containsExactly("passes.jsonl");
        assertThat(failureMessage(tests)).startsWith("fails.jsonl: failed (1 mismatches, 0 errors)\n")
                .contains("fails.jsonl:2 delete_fhir_resource expected ALLOW but was DENY: agents may not delete clinical records");
    }

    @Test
    void theAnnotationRunsTheMethodOncePerTranscriptWithItsResult() {
        Events tests = run(AnnotationExample.class);
        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(displayNames(tests.started())).containsExactly("fails.jsonl", "passes.jsonl");
        assertThat(failureMessage(tests)).contains("fails.jsonl:2 delete_fhir_resource expected ALLOW but was DENY");
    }

    @Test
    void theAnnotationTakesAPolicyFactory() {
        Events tests = run(FactoryAnnotationExample.class);
        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(failureMessage(tests)).contains("fails.jsonl:2 delete_fhir_resource expected ALLOW but was DENY: "
                + "deleting FHIR resources is not allowed (rule no_deletes)");
    }

    @Test
    void aMisconfiguredAnnotationSaysWhatIsWrong() {
        Events all = launch(MisconfiguredExample.class).allEvents();
        Throwable failure = all.failed().stream().findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).hasMessageContaining("give exactly one of policy and factory");
    }

    @Test
    void anInvalidPolicyFailsTheFactoryWithItsDiagnostics() {
        Events all = launch(InvalidPolicyExample.class).allEvents();
        Throwable failure = all.failed().stream().findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).hasMessageStartingWith("invalid policy:\n").hasMessageContaining("broken-policy.json:");
    }

    private static Events run(Class<?> testClass) {
        return launch(testClass).testEvents();
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults launch(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(ExamplesOnlyWhenLaunched.PARAMETER, "true")
                .selectors(selectClass(testClass)).execute();
    }

    private static List<String> displayNames(Events events) {
        return events.stream().map(event -> event.getTestDescriptor().getDisplayName()).sorted().toList();
    }

    private static String failureMessage(Events tests) {
        Event failed = tests.failed().stream().findFirst().orElseThrow();
        return failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    }

    @ExtendWith(ExamplesOnlyWhenLaunched.class)
    static class FactoryExample {
        @TestFactory
        Stream<DynamicTest> transcripts() {
            return TranscriptTests.dynamicTests(Path.of(POLICY), Path.of(TRANSCRIPTS));
        }
    }

    @ExtendWith(ExamplesOnlyWhenLaunched.class)
    static class AnnotationExample {
        @PolicyTest(policy = POLICY, transcripts = TRANSCRIPTS)
        void transcript(TranscriptResult result) {
            assertThat(result.counts().calls()).isEqualTo(2);
        }
    }

    @ExtendWith(ExamplesOnlyWhenLaunched.class)
    static class FactoryAnnotationExample {
        @PolicyTest(factory = FixtureFactory.class, transcripts = TRANSCRIPTS)
        void transcript() {
        }
    }

    @ExtendWith(ExamplesOnlyWhenLaunched.class)
    static class MisconfiguredExample {
        @PolicyTest(policy = POLICY, factory = FixtureFactory.class, transcripts = TRANSCRIPTS)
        void transcript() {
        }
    }

    @ExtendWith(ExamplesOnlyWhenLaunched.class)
    static class InvalidPolicyExample {
        @TestFactory
        Stream<DynamicTest> transcripts() {
            return TranscriptTests.dynamicTests(Path.of("src/test/resources/junit/broken-policy.json"), Path.of(TRANSCRIPTS));
        }
    }

    /**
     * The examples fail on purpose; they run only when this test launches them, never when a build or an
     * IDE picks them up on their own.
     */
    static final class ExamplesOnlyWhenLaunched implements ExecutionCondition {
        static final String PARAMETER = "portcullis.testkit.examples";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by PolicyTestExtensionTest")
                    : ConditionEvaluationResult.disabled("an example that PolicyTestExtensionTest launches");
        }
    }

    /** TEST FIXTURE: supplies the hand-written fixture policy. */
    static final class FixtureFactory implements Supplier<PolicyUnderTest> {
        @Override
        public PolicyUnderTest get() {
            return FhirExportFixturePolicy.underTest("fixture", false);
        }
    }
}
