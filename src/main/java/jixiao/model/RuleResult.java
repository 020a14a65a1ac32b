package jixiao.model;

/**
 * Something a rule derived. The engine writes into {@link #getRule()} the name of the rule whose consequence
 * inserted it, so that every score, weight, grade and finding says where it came from without the rule author
 * having to repeat the rule's name.
 */
public abstract class RuleResult {
    private String rule;
    private RuleResult replaced;

    /**
     * Marks this result as the one that replaces another a rule took back (a score after a deduction or a reviewer's
     * 核查分, a grade after a cap): reports show what it replaced and the rule that had made that. Returns this result,
     * so that a rule writes {@code insert(new IndicatorScore(…).replacing($old))}.
     */
    @SuppressWarnings("unchecked")
    public <T extends RuleResult> T replacing(RuleResult old) {
        this.replaced = old;
        return (T) this;
    }

    /** The result this one replaced, or null. */
    public RuleResult getReplaced() {
        return replaced;
    }

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
