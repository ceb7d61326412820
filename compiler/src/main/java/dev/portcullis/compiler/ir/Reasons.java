package dev.portcullis.compiler.ir;

/**
 * The sentences decisions carry when the policy gives none. Static reasons are rendered once into the
 * IR, so every evaluator of the IR reports exactly the same words.
 */
final class Reasons {

    private Reasons() {
    }

    static String denied(String ruleId) {
        return "Denied by rule " + Value.quote(ruleId);
    }

    static String requireFailed(String ruleId, Condition condition) {
        if (condition instanceof Condition.All all && all.conditions().isEmpty()) {
            return denied(ruleId);
        }
        return denied(ruleId) + ": requires " + condition.text();
    }

    static String deniedIf(String ruleId, Condition condition) {
        return denied(ruleId) + ": " + condition.text();
    }

    static String approvalRequired(String ruleId, Condition condition) {
        String required = "Approval required by rule " + Value.quote(ruleId);
        if (condition instanceof Condition.All all && all.conditions().isEmpty()) {
            return required;
        }
        return required + ": " + condition.text();
    }

    static String entryAction(EntryAction action, String entryId) {
        return switch (action) {
            case ALLOW -> "Allowed by rule " + Value.quote(entryId);
            case DENY -> denied(entryId);
            case REQUIRE_APPROVAL -> "Approval required by rule " + Value.quote(entryId);
        };
    }
}
