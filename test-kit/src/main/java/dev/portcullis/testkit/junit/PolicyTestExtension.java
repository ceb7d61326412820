package dev.portcullis.testkit.junit;

import dev.portcullis.testkit.replay.PolicySelector;
import dev.portcullis.testkit.replay.PolicyUnderTest;
import dev.portcullis.testkit.replay.ReplayEngine;
import dev.portcullis.testkit.replay.TranscriptResult;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** Provides one invocation of a {@link PolicyTest} method per transcript. */
public final class PolicyTestExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), PolicyTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        PolicyTest configuration = AnnotationSupport.findAnnotation(context.getTestMethod(), PolicyTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException("@PolicyTest is missing"));
        PolicySelector selector;
        List<TranscriptSource> transcripts;
        try {
            selector = selector(configuration);
            transcripts = TranscriptTests.find(Path.of(configuration.transcripts()), configuration.include());
        } catch (RuntimeException misconfigured) {
            throw new ExtensionConfigurationException("@PolicyTest on " + context.getRequiredTestMethod().getName() + ": "
                    + misconfigured.getMessage(), misconfigured);
        }
        ReplayEngine engine = new ReplayEngine();
        return transcripts.stream().map(source -> new TranscriptInvocation(new TranscriptRun(engine, source, selector)));
    }

    private static PolicySelector selector(PolicyTest configuration) {
        boolean hasFactory = configuration.factory() != PolicyTest.NoFactory.class;
        boolean hasPolicy = !configuration.policy().isEmpty();
        if (hasFactory == hasPolicy) {
            throw new IllegalArgumentException("give exactly one of policy and factory");
        }
        if (hasPolicy) {
            return TranscriptTests.catalog(Path.of(configuration.policy()));
        }
        return PolicySelector.always(instantiate(configuration.factory()).get());
    }

    private static Supplier<? extends PolicyUnderTest> instantiate(Class<? extends Supplier<? extends PolicyUnderTest>> factory) {
        try {
            Constructor<? extends Supplier<? extends PolicyUnderTest>> constructor = factory.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException unusable) {
            throw new IllegalArgumentException("cannot create the policy factory " + factory.getName()
                    + " (it needs a no-argument constructor): " + unusable, unusable);
        }
    }

    /** One transcript's replay, done once however many extensions ask for it. */
    private static final class TranscriptRun {
        private final ReplayEngine engine;
        private final TranscriptSource source;
        private final PolicySelector selector;
        private TranscriptResult result;

        TranscriptRun(ReplayEngine engine, TranscriptSource source, PolicySelector selector) {
            this.engine = engine;
            this.source = source;
            this.selector = selector;
        }

        TranscriptResult result() {
            if (result == null) {
                result = TranscriptTests.replay(engine, source, selector);
            }
            return result;
        }
    }

    private record TranscriptInvocation(TranscriptRun run) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return run.source.name();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new TranscriptOutcome(run));
        }
    }

    /** Hands the result to the method and fails the run when the transcript did not pass. */
    private record TranscriptOutcome(TranscriptRun run) implements ParameterResolver, AfterTestExecutionCallback {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TranscriptResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return run.result();
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            TranscriptTests.assertPassed(run.result());
        }
    }
}
