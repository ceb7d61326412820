package dev.portcullis.testkit.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which of a policy's rules, conditions and limits a run exercised, and which it never hit.
 *
 * @param policy      the policy's name
 * @param modelKnown  whether the policy's items are known; when not, {@code entries} holds only the ids
 *                    decisions named, and the percentage says nothing about what was missed
 * @param entries     every item with its counts, in policy order
 * @param unlisted    decisions per rule id that the model does not list (e.g. a default, an evaluation error)
 */
public record CoverageReport(String policy, boolean modelKnown, List<CoverageEntry> entries, Map<String, Long> unlisted) {

    public CoverageReport {
        entries = List.copyOf(entries);
        unlisted = Map.copyOf(unlisted);
    }

    public int total() {
        return entries.size();
    }

    public int exercisedCount() {
        int exercised = 0;
        for (CoverageEntry entry : entries) {
            if (entry.exercised()) {
                exercised++;
            }
        }
        return exercised;
    }

    /** Items never exercised, in policy order. */
    public List<CoverageItem> neverHit() {
        List<CoverageItem> never = new ArrayList<>();
        for (CoverageEntry entry : entries) {
            if (!entry.exercised()) {
                never.add(entry.item());
            }
        }
        return never;
    }

    /** Percentage of items exercised; 100 for a policy with no items. */
    public double percent() {
        return entries.isEmpty() ? 100.0 : 100.0 * exercisedCount() / entries.size();
    }

    /** {@code fhir-export: 5 of 7 rules, conditions and limits exercised (71.4%); never hit: a, b} */
    public String summary() {
        StringBuilder text = new StringBuilder(policy).append(": ");
        if (!modelKnown) {
            text.append(entries.size()).append(" rules and limits named by decisions (the policy's full list is unknown)");
            return text.toString();
        }
        text.append(exercisedCount()).append(" of ").append(total())
                .append(" rules, conditions and limits exercised (").append(formatPercent(percent())).append(')');
        List<CoverageItem> never = neverHit();
        if (!never.isEmpty()) {
            text.append("; never hit: ");
            for (int i = 0; i < never.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(never.get(i).id());
            }
        }
        return text.toString();
    }

    public static String formatPercent(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }
}
