package jixiao.model;

/** The grade the policy gives the total, in the notice's own word. */
public class Grade extends RuleResult {
    private final String name;
    private final String explanation;

    public Grade(String name, String explanation) {
        this.name = name;
        this.explanation = explanation;
    }

    public String getName() {
        return name;
    }

    public String getExplanation() {
        return explanation;
    }
}
