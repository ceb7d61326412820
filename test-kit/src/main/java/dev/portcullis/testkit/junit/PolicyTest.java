package dev.portcullis.testkit.junit;

import dev.portcullis.testkit.replay.PolicyUnderTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Supplier;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated method once per transcript, each run replaying one transcript against its policy;
 * a run fails when its transcript has a mismatch or a broken line. The method may take the
 * {@link dev.portcullis.testkit.replay.TranscriptResult} to make further assertions, or have an empty body.
 *
 * <pre>{@code
 * class HealthlakePolicyTest {
 *     @PolicyTest(policy = "src/main/policies/healthlake.json", transcripts = "src/test/transcripts")
 *     void transcript(TranscriptResult result) {
 *         assertThat(result.counts().calls()).isPositive();
 *     }
 * }
 * }</pre>
 *
 * <p>Paths are relative to the working directory, which Maven and IDEs set to the module's directory.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(PolicyTestExtension.class)
public @interface PolicyTest {

    /** A policy file, or a directory of policies (each transcript selects one; see {@code PolicyCatalog}). */
    String policy() default "";

    /** Instead of {@link #policy()}: a class with a public no-argument constructor that supplies the policy. */
    Class<? extends Supplier<? extends PolicyUnderTest>> factory() default NoFactory.class;

    /** The directory of transcripts. */
    String transcripts() default "src/test/transcripts";

    /** Globs of transcripts to run, relative to {@link #transcripts()}; every {@code .jsonl} by default. */
    String[] include() default {};

    /** The default of {@link #factory()}: no factory, {@link #policy()} is used. */
    final class NoFactory implements Supplier<PolicyUnderTest> {
        private NoFactory() {
        }

        @Override
        public PolicyUnderTest get() {
            throw new UnsupportedOperationException("no factory");
        }
    }
}
