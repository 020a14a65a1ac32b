package jixiao.model;

import java.math.BigDecimal;

/**
 * Something a reviewer should know: a self-score that differs from the recomputed one, weights that do not add
 * up, numbers in the table that disagree. Findings never change a score.
 *
 * @see #getCode() a stable code that scenarios and tools can match on
 */
public class Finding extends RuleResult {
    private Severity severity;
    private final String code;
    private final String subject;
    private final String message;
    private final BigDecimal claimed;
    private final BigDecimal recomputed;

    /**
     * @param severity a {@link Severity}'s code: "reject" (the submission cannot be scored faithfully as filed and
     *                 goes back to its authors: the command reports it as failed), "error" (scored, but not to be
     *                 trusted as it is), "warning" (differs from what the rules give) or "info"; any other text is
     *                 refused (IllegalArgumentException)
     * @param subject  what it is about: an indicator's path, a category, a budget line, or null for the whole
     */
    public Finding(String severity, String code, String subject, String message) {
        this(severity, code, subject, message, null, null);
    }

    public Finding(String severity, String code, String subject, String message, BigDecimal claimed,
                   BigDecimal recomputed) {
        this.severity = Severity.of(severity);
        this.code = code;
        this.subject = subject;
        this.message = message;
        this.claimed = claimed;
        this.recomputed = recomputed;
    }

    /** The severity's code, as JSON and the rules write it (reject, error, warning, info). */
    public String getSeverity() {
        return severity.code();
    }

    /** The severity, typed. */
    public Severity severity() {
        return severity;
    }

    /** The severity the notice's 提示级别 table gives findings of this code (set by a rule, with modify). */
    public void setSeverity(String severity) {
        this.severity = Severity.of(severity);
    }

    public String getCode() {
        return code;
    }

    public String getSubject() {
        return subject;
    }

    public String getMessage() {
        return message;
    }

    public BigDecimal getClaimed() {
        return claimed;
    }

    public BigDecimal getRecomputed() {
        return recomputed;
    }
}
