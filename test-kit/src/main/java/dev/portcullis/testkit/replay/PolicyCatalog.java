package dev.portcullis.testkit.replay;

import dev.portcullis.testkit.transcript.TranscriptHeader;
import dev.portcullis.testkit.transcript.TranscriptSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policies of a project, and the rule for which one a transcript uses:
 * <ol>
 *   <li>the {@code policy} named in the transcript's header line (a policy's name or one of its
 *       {@linkplain PolicyUnderTest#aliases() aliases});</li>
 *   <li>else the nearest enclosing folder named after a policy ({@code fhir-export/runaway.jsonl});</li>
 *   <li>else the default policy: the one {@linkplain Builder#defaultPolicy named default}, or the only one.</li>
 * </ol>
 */
public final class PolicyCatalog implements PolicySelector {

    private final Map<String, PolicyUnderTest> policies;
    /** Every name a transcript may use: names and aliases. */
    private final Map<String, PolicyUnderTest> byName;
    private final PolicyUnderTest defaultPolicy;

    private PolicyCatalog(Map<String, PolicyUnderTest> policies, Map<String, PolicyUnderTest> byName, PolicyUnderTest defaultPolicy) {
        this.policies = policies;
        this.byName = byName;
        this.defaultPolicy = defaultPolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The policies by name, in the order they were added. */
    public Map<String, PolicyUnderTest> policies() {
        return policies;
    }

    @Override
    public PolicyUnderTest select(TranscriptSource source, TranscriptHeader header) {
        if (header.policy() != null) {
            PolicyUnderTest declared = byName.get(header.policy());
            if (declared == null) {
                throw new PolicySelectionException("its first line names policy '" + header.policy()
                        + "', which is not one of " + names());
            }
            return declared;
        }
        for (String folder : source.folders()) {
            PolicyUnderTest byFolder = byName.get(folder);
            if (byFolder != null) {
                return byFolder;
            }
        }
        if (defaultPolicy != null) {
            return defaultPolicy;
        }
        if (policies.isEmpty()) {
            throw new PolicySelectionException("there is no policy to replay it against");
        }
        throw new PolicySelectionException("there are several policies (" + names() + ") and none is chosen: name one"
                + " in the first line, {\"transcript\": {\"policy\": \"...\"}}, or put the transcript in a folder"
                + " named after the policy");
    }

    private String names() {
        return String.join(", ", policies.keySet());
    }

    /** Collects the policies; names and aliases must be unique. */
    public static final class Builder {
        private final Map<String, PolicyUnderTest> policies = new LinkedHashMap<>();
        private final Map<String, PolicyUnderTest> byName = new LinkedHashMap<>();
        private String defaultName;

        private Builder() {
        }

        public Builder add(PolicyUnderTest policy) {
            Objects.requireNonNull(policy, "policy");
            if (policies.putIfAbsent(policy.name(), policy) != null) {
                throw new IllegalArgumentException("two policies are named '" + policy.name() + "'");
            }
            List<String> names = new ArrayList<>(policy.aliases());
            names.add(0, policy.name());
            for (String name : names) {
                PolicyUnderTest other = byName.putIfAbsent(name, policy);
                if (other != null && other != policy) {
                    throw new IllegalArgumentException("policies '" + other.name() + "' and '" + policy.name()
                            + "' are both named '" + name + "'");
                }
            }
            return this;
        }

        public Builder addAll(List<? extends PolicyUnderTest> all) {
            all.forEach(this::add);
            return this;
        }

        /** The policy for transcripts that choose none; without it, the only policy is the default. */
        public Builder defaultPolicy(String name) {
            this.defaultName = Objects.requireNonNull(name, "name");
            return this;
        }

        public PolicyCatalog build() {
            Map<String, PolicyUnderTest> copy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policies));
            PolicyUnderTest chosenDefault = null;
            if (defaultName != null) {
                chosenDefault = byName.get(defaultName);
                if (chosenDefault == null) {
                    throw new IllegalArgumentException("the default policy '" + defaultName + "' is not one of "
                            + new ArrayList<>(copy.keySet()));
                }
            } else if (copy.size() == 1) {
                chosenDefault = copy.values().iterator().next();
            }
            return new PolicyCatalog(copy, Map.copyOf(byName), chosenDefault);
        }
    }
}
