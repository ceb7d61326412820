package dev.portcullis.cli.explain;

import dev.portcullis.compiler.ir.Condition;
import dev.portcullis.compiler.ir.DefaultPosture;
import dev.portcullis.compiler.ir.EntryAction;
import dev.portcullis.compiler.ir.Rule;
import dev.portcullis.compiler.ir.ToolEntry;
import dev.portcullis.compiler.ir.ToolSelector;
import dev.portcullis.runtime.Decision;
import dev.portcullis.runtime.RateLimitDenial;
import dev.portcullis.runtime.ToolCall;
import dev.portcullis.runtime.eval.DecisionTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link Explanation} as text for people, one decision step per numbered section:
 *
 * <pre>
 * 1. hidden: no
 * 2. entry: tools.start_fhir_export_job (healthlake.json:7:5), the tool's own entry
 * 3. entry actions: tools.start_fhir_export_job allow
 * 4. deny checks:
 *    tools.start_fhir_export_job.require[0] (healthlake.json:9:9) require: holds, passes
 *      args.output_data_config.s3_configuration.s3_uri starts_with "s3://phi-exports/": actual "s3://phi-exports/nightly/011/" -> true
 * ...
 * decision: DENY by start_fhir_export_job_rate: limit start_fhir_export_job_rate: 10 per minute per grant reached (10/10); retry after 19 s
 * </pre>
 */
public final class ExplanationPrinter {

    /** Values longer than this are cut, so one huge argument does not drown the explanation. */
    private static final int SHOWN_VALUE_LENGTH = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExplanationPrinter() {
    }

    public static String print(Explanation explanation) {
        List<String> lines = new ArrayList<>();
        ToolCall call = explanation.call();
        lines.add("policy " + explanation.policy() + ", call " + DecisionTexts.quote(call.tool()) + " at "
                + Instant.ofEpochMilli(call.timeMillis()) + identity(call));
        lines.add("arguments: " + show(call.arguments()));
        TreeMap<Integer, List<String>> phases = new TreeMap<>();
        for (Step step : explanation.steps()) {
            describe(step, phases.computeIfAbsent(phase(step), phase -> new ArrayList<>()));
        }
        int last = phases.isEmpty() ? 0 : phases.lastKey();
        if (explanation.decision().isAllowed()) {
            last = Math.max(last, 6);
        }
        for (int phase = 1; phase <= last; phase++) {
            // a phase reached without a step of its own (an entry without rules) still shows, so none is left out
            List<String> described = phases.getOrDefault(phase, List.of());
            if (described.isEmpty()) {
                lines.add(heading(phase) + " none");
            } else if (described.size() == 1) {
                lines.add(heading(phase) + " " + described.get(0).strip());
            } else {
                lines.add(heading(phase));
                lines.addAll(described);
            }
        }
        Decision decision = explanation.decision();
        lines.add("decision: " + decision.effect().name() + " by " + decision.ruleId() + ": " + decision.reason());
        return String.join("\n", lines) + "\n";
    }

    private static String identity(ToolCall call) {
        StringJoiner joiner = new StringJoiner(", ", " (", ")").setEmptyValue("");
        if (call.grant() != null) {
            joiner.add("grant " + DecisionTexts.quote(call.grant()));
        }
        if (call.session() != null) {
            joiner.add("session " + DecisionTexts.quote(call.session()));
        }
        if (call.agent() != null) {
            joiner.add("agent " + DecisionTexts.quote(call.agent()));
        }
        return joiner.toString();
    }

    /** The step of {@code docs/canonical-format.md}'s decision order that {@code step} belongs to. */
    private static int phase(Step step) {
        if (step instanceof Step.HiddenCheck) {
            return 1;
        } else if (step instanceof Step.EntrySelection) {
            return 2;
        } else if (step instanceof Step.EntryActionCheck check) {
            return check.decides() && check.entry().action() == EntryAction.REQUIRE_APPROVAL ? 5 : 3;
        } else if (step instanceof Step.RuleCheck check) {
            return check.rule() instanceof Rule.RequireApproval ? 5 : 4;
        } else if (step instanceof Step.LimitCheck) {
            return 6;
        }
        return 7;
    }

    private static String heading(int phase) {
        return switch (phase) {
            case 1 -> "1. hidden:";
            case 2 -> "2. entry:";
            case 3 -> "3. entry actions:";
            case 4 -> "4. deny checks (in order; the first that fails denies):";
            case 5 -> "5. approval checks:";
            case 6 -> "6. limits (all or nothing):";
            default -> "evaluation:";
        };
    }

    private static void describe(Step step, List<String> lines) {
        if (step instanceof Step.HiddenCheck hidden) {
            lines.add("   " + (!hidden.hidden() ? "no" : hidden.hideAll() ? "yes, hide holds \"*\" -> DENY"
                    : "yes, hide names the tool -> DENY"));
        } else if (step instanceof Step.EntrySelection selection) {
            describeSelection(selection, lines);
        } else if (step instanceof Step.EntryActionCheck check) {
            lines.add("   " + check.entry().id() + " (" + check.entry().position() + "): "
                    + check.entry().action().name().toLowerCase(Locale.ROOT)
                    + (check.decides() ? " -> " + (check.entry().action() == EntryAction.DENY ? "DENY" : "REQUIRE_APPROVAL")
                    : ""));
        } else if (step instanceof Step.RuleCheck check) {
            describeRule(check, lines);
        } else if (step instanceof Step.LimitCheck check) {
            describeLimit(check, lines);
        } else if (step instanceof Step.EvaluationFailed failed) {
            lines.add("   failed: " + failed.failure() + " -> DENY (fail closed)");
        }
    }

    private static void describeSelection(Step.EntrySelection selection, List<String> lines) {
        if (selection.own().isEmpty()) {
            lines.add(selection.posture() == DefaultPosture.DENY ? "   no entry for the tool; default deny -> DENY"
                    : selection.applicable().isEmpty() ? "   no entry for the tool; default allow, and there is no all_tools"
                    : "   no entry for the tool; default allow: only all_tools (" + selection.applicable().get(0).position()
                            + ") applies");
            return;
        }
        ToolEntry own = selection.own().get();
        String kind = own.selector() instanceof ToolSelector.ToolGlob ? "the most specific matching glob"
                : "the tool's own entry";
        lines.add("   " + own.id() + " (" + own.position() + "), " + kind);
        selection.applicable().stream()
                .filter(entry -> entry.selector() instanceof ToolSelector.AllTools)
                .forEach(all -> lines.add("   all_tools (" + all.position() + ") applies too"));
    }

    private static void describeRule(Step.RuleCheck check, List<String> lines) {
        Rule rule = check.rule();
        String verdict;
        if (rule instanceof Rule.Deny) {
            verdict = "deny rule: denies every call -> DENY";
        } else if (rule instanceof Rule.Require) {
            verdict = "require: " + (check.decides() ? "does not hold -> DENY" : "holds, passes");
        } else if (rule instanceof Rule.DenyIf) {
            verdict = "deny_if: " + (check.decides() ? "holds -> DENY" : "does not hold, passes");
        } else {
            verdict = "approval rule: " + (check.decides() ? "holds -> REQUIRE_APPROVAL" : "does not hold");
        }
        lines.add("   " + rule.id() + " (" + rule.position() + ") " + verdict);
        check.condition().ifPresent(trace -> describeCondition(trace, "     ", lines));
    }

    private static void describeCondition(ConditionTrace trace, String indent, List<String> lines) {
        if (trace instanceof ConditionTrace.Compared compared) {
            lines.add(indent + compared.condition().text() + ": actual "
                    + (compared.actual() == null ? "(missing)" : show(compared.actual())) + " -> " + compared.holds());
            return;
        }
        ConditionTrace.Combined combined = (ConditionTrace.Combined) trace;
        Condition condition = combined.condition();
        String name = condition instanceof Condition.All ? "all" : condition instanceof Condition.Any ? "any" : "not";
        lines.add(indent + name + " -> " + combined.holds());
        for (ConditionTrace part : combined.evaluated()) {
            describeCondition(part, indent + "  ", lines);
        }
        if (combined.skipped() > 0) {
            lines.add(indent + "  (" + combined.skipped() + " more not evaluated: the result is decided)");
        }
    }

    private static void describeLimit(Step.LimitCheck check, List<String> lines) {
        StringBuilder line = new StringBuilder("   ").append(check.limit().id())
                .append(" (").append(check.limit().position()).append("): ").append(check.limit().counter().budgetText());
        if (check.key() != null) {
            line.append(", key ").append(check.key().isEmpty() ? "\"\" (shared)" : DecisionTexts.quote(check.key()));
        }
        if (check.countBefore() >= 0) {
            line.append(", count ").append(check.countBefore()).append('/').append(check.limit().counter().max());
        }
        if (check.amount() >= 0) {
            line.append(", this call needs ").append(check.amount());
        }
        line.append(" -> ").append(switch (check.outcome()) {
            case CHARGED -> "fits, counted";
            case GIVEN_BACK -> "fits, but given back: a later limit has no room";
            case NOTHING_TO_CHARGE -> "needs nothing";
            case NO_ROOM -> "no room -> DENY" + retryAfter(check.retryAfterMillis());
            case UNUSABLE_INCREMENT -> "increment_from " + check.limit().incrementFrom().map(Object::toString).orElse("")
                    + " " + check.problem() + " -> DENY";
            case NOT_REACHED -> "not charged: the call is denied";
        });
        lines.add(line.toString());
    }

    private static String retryAfter(long millis) {
        if (millis == RateLimitDenial.NEVER) {
            return " (no wait helps: the call needs more than the whole budget)";
        }
        return " (retry after " + millis + " ms)";
    }

    private static String show(Object value) {
        String text;
        if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof String) {
            text = JSON.writeValueAsString(value);
        } else {
            text = String.valueOf(value);
        }
        return text.length() <= SHOWN_VALUE_LENGTH ? text : text.substring(0, SHOWN_VALUE_LENGTH) + "...";
    }
}
