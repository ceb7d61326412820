package dev.portcullis.compiler.dsl;

import dev.portcullis.compiler.source.JsonPointers;
import dev.portcullis.compiler.diagnostic.DiagnosticCode;
import dev.portcullis.compiler.dsl.grammar.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.TerminalNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool's block ({@code tool x { ... }} or {@code all tools { ... }}) to a canonical entry:
 * its action, requirements, deny conditions, limits and ordered rules.
 */
final class EntryLowering {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LoweringScope scope;
    private final JsonLowering json;
    private final ConditionLowering conditions;
    private final LimitLowering limits;
    private final CounterBook counters;

    EntryLowering(LoweringScope scope, JsonLowering json, ConditionLowering conditions, LimitLowering limits,
            CounterBook counters) {
        this.scope = scope;
        this.json = json;
        this.conditions = conditions;
        this.limits = limits;
        this.counters = counters;
    }

    /** The entry of tool {@code key} ({@link DslNames#ALL_TOOLS_OWNER} for all tools), written at {@code pointer}. */
    ObjectNode entry(PolicyParser.EntryBodyContext body, String key, String pointer) {
        scope.mark(pointer, body);
        CounterBook.Owner owner = new CounterBook.Owner(key, pointer);
        if (!body.jsonMember().isEmpty()) {
            ObjectNode entry = json.members(body.jsonMember(), pointer);
            counters.useJsonLimits(owner, entry, scope.at(body));
            return entry;
        }
        Parts parts = new Parts(pointer);
        for (PolicyParser.EntryStatementContext statement : body.entryStatement()) {
            statement(statement, owner, parts);
        }
        return parts.toEntry();
    }

    /** The arrays of an entry as they fill up, so each element's pointer is known when it is lowered. */
    private static final class Parts {
        final String pointer;
        ParserRuleContext action;
        String actionValue;
        String reason;
        final ArrayNode require = NODES.arrayNode();
        final ArrayNode denyIf = NODES.arrayNode();
        final ArrayNode limits = NODES.arrayNode();
        final ArrayNode rules = NODES.arrayNode();

        Parts(String pointer) {
            this.pointer = pointer;
        }

        String at(String field) {
            return JsonPointers.child(pointer, field);
        }

        ObjectNode toEntry() {
            ObjectNode entry = NODES.objectNode();
            if (actionValue != null) {
                entry.put("action", actionValue);
            }
            if (reason != null) {
                entry.put("reason", reason);
            }
            putIfNotEmpty(entry, "require", require);
            putIfNotEmpty(entry, "deny_if", denyIf);
            putIfNotEmpty(entry, "limits", limits);
            putIfNotEmpty(entry, "rules", rules);
            return entry;
        }
    }

    private static void putIfNotEmpty(ObjectNode node, String field, ArrayNode array) {
        if (!array.isEmpty()) {
            node.set(field, array);
        }
    }

    private void statement(PolicyParser.EntryStatementContext statement, CounterBook.Owner owner, Parts parts) {
        if (statement instanceof PolicyParser.AllowStatementContext allow) {
            action(parts, statement, "allow", allow.STRING());
        } else if (statement instanceof PolicyParser.DenyStatementContext deny) {
            if (deny.IF() != null) {
                parts.denyIf.add(conditions.lower(deny.condition(),
                        JsonPointers.child(parts.at("deny_if"), parts.denyIf.size())));
            } else {
                action(parts, statement, "deny", deny.STRING());
            }
        } else if (statement instanceof PolicyParser.RequireStatementContext require) {
            if (require.APPROVAL() != null) {
                action(parts, statement, "require_approval", require.STRING());
            } else if (require.ELSE() == null) {
                conditions.lowerInto(parts.require, require.condition(), parts.at("require"));
            } else {
                parts.rules.add(namedRequirement(require, JsonPointers.child(parts.at("rules"), parts.rules.size())));
            }
        } else if (statement instanceof PolicyParser.LimitStatementContext limit) {
            parts.limits.add(limits.limit(limit.limitReference(), owner,
                    JsonPointers.child(parts.at("limits"), parts.limits.size())));
        } else {
            PolicyParser.RuleStatementContext rule = (PolicyParser.RuleStatementContext) statement;
            parts.rules.add(rule(rule.ruleDefinition(), owner, JsonPointers.child(parts.at("rules"), parts.rules.size())));
        }
    }

    private void action(Parts parts, PolicyParser.EntryStatementContext statement, String value, TerminalNode reason) {
        if (parts.action != null) {
            scope.error(DiagnosticCode.DSL_DUPLICATE_SETTING, scope.at(statement),
                    "this tool's action ('" + parts.action.getStart().getText() + "')", scope.at(parts.action));
            return;
        }
        parts.action = statement;
        parts.actionValue = value;
        scope.mark(parts.at("action"), statement);
        if (reason != null) {
            parts.reason = scope.string(reason);
            scope.mark(parts.at("reason"), reason.getSymbol());
        }
    }

    /**
     * {@code require <conditions> else "reason"}: a rule that denies with the reason when the
     * conditions do not hold, named after the conditions as the printer writes them.
     */
    private ObjectNode namedRequirement(PolicyParser.RequireStatementContext require, String pointer) {
        scope.mark(pointer, require);
        ArrayNode list = NODES.arrayNode();
        conditions.lowerInto(list, require.condition(), JsonPointers.child(pointer, "conditions"));
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        ObjectNode rule = NODES.objectNode();
        rule.put("name", ConditionPrinter.conjunction(items));
        rule.set("conditions", list);
        rule.put("on_deny", scope.string(require.STRING()));
        scope.mark(JsonPointers.child(pointer, "on_deny"), require.STRING().getSymbol());
        return rule;
    }

    private ObjectNode rule(PolicyParser.RuleDefinitionContext definition, CounterBook.Owner owner, String pointer) {
        scope.mark(pointer, definition);
        if (definition instanceof PolicyParser.JsonRuleContext object) {
            ObjectNode rule = json.object(object.jsonObject(), pointer);
            counters.useJsonLimits(owner, rule, scope.at(definition));
            return rule;
        }
        PolicyParser.ReadableRuleContext readable = (PolicyParser.ReadableRuleContext) definition;
        ObjectNode rule = NODES.objectNode();
        rule.put("name", scope.text(readable.text()));
        scope.mark(JsonPointers.child(pointer, "name"), readable.text());
        TerminalNode onDeny = null;
        PolicyParser.RuleActionContext action = readable.ruleAction();
        if (action instanceof PolicyParser.DenyRuleActionContext deny) {
            rule.put("action", "deny");
            onDeny = deny.STRING();
        } else if (action instanceof PolicyParser.RequireRuleActionContext require) {
            if (require.APPROVAL() != null) {
                rule.put("action", "require_approval");
            }
            if (require.condition() != null) {
                rule.set("conditions", conditionList(require.condition(), pointer));
            }
        }
        if (action != null) {
            scope.mark(JsonPointers.child(pointer, "action"), action);
        }
        if (readable.ELSE() != null) {
            if (onDeny != null) {
                scope.error(DiagnosticCode.DSL_DUPLICATE_SETTING, scope.at(readable.ELSE()),
                        "this rule's reason", scope.at(onDeny));
            }
            onDeny = readable.STRING();
        }
        if (onDeny != null) {
            rule.put("on_deny", scope.string(onDeny));
            scope.mark(JsonPointers.child(pointer, "on_deny"), onDeny.getSymbol());
        }
        if (!readable.limitReference().isEmpty()) {
            String limitsPointer = JsonPointers.child(pointer, "limits");
            ArrayNode array = NODES.arrayNode();
            for (PolicyParser.LimitReferenceContext limit : readable.limitReference()) {
                array.add(limits.limit(limit, owner, JsonPointers.child(limitsPointer, array.size())));
            }
            rule.set("limits", array);
        }
        return rule;
    }

    private ArrayNode conditionList(PolicyParser.ConditionContext condition, String rulePointer) {
        ArrayNode list = NODES.arrayNode();
        conditions.lowerInto(list, condition, JsonPointers.child(rulePointer, "conditions"));
        return list;
    }
}
