package jixiao.engine;

import java.util.List;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.Grade;
import jixiao.model.IndicatorScore;
import jixiao.model.Submission;
import jixiao.model.TotalScore;

/**
 * Everything the rules derived for one submission, in a stable order: categories in the notice's order,
 * indicators in the order of the table (worked-out ones first in their category), findings by severity.
 *
 * @param total   null when no rule produced a total
 * @param grade   null when no rule gave a grade
 * @param firings every rule that fired, in order, with the indicators or categories it matched
 */
public record ScoreResult(
        Submission submission,
        Policy policy,
        List<CategoryWeight> weights,
        List<CategoryScore> categories,
        List<IndicatorScore> indicators,
        TotalScore total,
        Grade grade,
        List<Finding> findings,
        List<Firing> firings) {

    /** One firing of a rule, and the subjects (indicator paths, categories) among the facts it matched. */
    public record Firing(String rule, String phase, List<String> subjects) {
    }

    /** The severity of findings that send a submission back: it cannot be scored faithfully as filed. */
    public static final String REJECT = jixiao.model.Severity.REJECT.code();

    /** Findings by which the policy rejects the submission (退回), in order. */
    public List<Finding> rejections() {
        return findings.stream().filter(f -> REJECT.equals(f.getSeverity())).toList();
    }

    /**
     * Whether the submission is scored as filed: the one place that decides it. A submission the rules reject (退回)
     * is not: its result is for review (scenarios, the trace), never a score to report.
     */
    public boolean isScored() {
        return rejections().isEmpty();
    }

    /**
     * The findings by which the host says the rules have a gap or an overlap (an indicator scored never or twice,
     * no total, no grade or two): such a result is not a score to report.
     */
    public List<Finding> ruleGaps() {
        return findings.stream().filter(f -> Scorer.HOST_RULE.equals(f.getRule())).toList();
    }

    /** The codes of the rejections, each once, in order, joined with the separator. */
    public String rejectionCodes(String separator) {
        return rejections().stream().map(Finding::getCode).distinct()
                .collect(java.util.stream.Collectors.joining(separator));
    }

    public CategoryScore category(String name) {
        return categories.stream().filter(c -> c.getCategory().equals(name)).findFirst().orElse(null);
    }

    public CategoryWeight weight(String name) {
        return weights.stream().filter(c -> c.getCategory().equals(name)).findFirst().orElse(null);
    }

    /** The score of the indicator with this path (category/group/name), or null. */
    public IndicatorScore indicator(String path) {
        return indicators.stream().filter(i -> i.getIndicator().path().equals(path)).findFirst().orElse(null);
    }
}
