package jixiao.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The weight (分值) of a first-level category (一级指标) as the policy sets it, with every step that changed it:
 * the notice's default, a redistribution, a department's adjustment. Rules change it inside {@code modify}.
 */
public class CategoryWeight extends RuleResult {

    /** One change to the weight: which rule, and why, in the rule's words. */
    public static final class Step {
        private String rule;
        private final String why;
        private final BigDecimal weightAfter;

        Step(String why, BigDecimal weightAfter) {
            this.why = why;
            this.weightAfter = weightAfter;
        }

        public String getRule() {
            return rule;
        }

        public String getWhy() {
            return why;
        }

        public BigDecimal getWeightAfter() {
            return weightAfter;
        }
    }

    private final String category;
    private final int order;
    private BigDecimal weight;
    private boolean applicable = true;
    private final List<Step> steps = new ArrayList<>();

    /**
     * @param order where the category stands in the notice's list (reports follow it)
     * @param why   the clause that sets this default
     */
    public CategoryWeight(String category, int order, BigDecimal weight, String why) {
        this.category = category;
        this.order = order;
        this.weight = weight;
        steps.add(new Step(why, weight));
    }

    public CategoryWeight(String category, int order, int weight, String why) {
        this(category, order, BigDecimal.valueOf(weight), why);
    }

    /** Adds (or, when negative, removes) points. */
    public void add(BigDecimal delta, String why) {
        weight = weight.add(delta);
        steps.add(new Step(why, weight));
    }

    /** Sets the weight to a new value. */
    public void set(BigDecimal newWeight, String why) {
        weight = newWeight;
        steps.add(new Step(why, weight));
    }

    /** The category does not apply: its weight becomes 0 and no score is computed for it. */
    public void notApplicable(String why) {
        applicable = false;
        weight = BigDecimal.ZERO;
        steps.add(new Step(why, weight));
    }

    @Override
    public void stampRule(String ruleName) {
        super.stampRule(ruleName);
        for (Step s : steps) {
            if (s.rule == null) {
                s.rule = ruleName;
            }
        }
    }

    public String getCategory() {
        return category;
    }

    public int getOrder() {
        return order;
    }

    public BigDecimal getWeight() {
        return weight;
    }

    /** The weight as the notice sets it, before any rule moved or changed it. */
    public BigDecimal getNoticeWeight() {
        return steps.get(0).weightAfter;
    }

    public boolean isApplicable() {
        return applicable;
    }

    public List<Step> getSteps() {
        return Collections.unmodifiableList(steps);
    }

    /** The rule of the last step: the one that gave the weight its present value. */
    public String getLastRule() {
        return steps.get(steps.size() - 1).rule;
    }

    /** The sum of the weights of a list of category weights (exact; 0.00 for none). */
    public static BigDecimal sumOf(List<?> weights) {
        return Num.sum(weights, CategoryWeight.class, CategoryWeight::getWeight);
    }

    /** The categories' names in the notice's order, joined by 、 (for a finding's text). */
    public static String namesInOrder(List<?> weights) {
        return weights.stream().map(CategoryWeight.class::cast)
                .sorted(java.util.Comparator.comparingInt(CategoryWeight::getOrder))
                .map(CategoryWeight::getCategory)
                .collect(java.util.stream.Collectors.joining("、"));
    }
}
