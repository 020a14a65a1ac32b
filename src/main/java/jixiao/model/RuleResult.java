package jixiao.model;

/**
 * Something a rule derived. The engine writes into {@link #getRule()} the name of the rule whose consequence
 * inserted it, so that every score, weight, grade and finding says where it came from without the rule author
 * having to repeat the rule's name.
 */
public abstract class RuleResult {
    private String rule;

    public String getRule() {
        return rule;
    }

    /** Set once, by the engine, to the rule that inserted this result. */
    public void stampRule(String ruleName) {
        if (rule == null) {
            rule = ruleName;
        }
    }
}
