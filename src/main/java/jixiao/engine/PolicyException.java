package jixiao.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A policy folder that cannot be used: missing, empty, or with rules that do not compile. No scoring happens. */
public class PolicyException extends Exception {
    private final List<PolicyProblem> problems;

    public PolicyException(String message, List<PolicyProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public PolicyException(String message) {
        this(message, List.of());
    }

    public List<PolicyProblem> getProblems() {
        return problems;
    }

    /** The message and every primary problem, one a line, with a count of the follow-on errors left out. */
    public String describe() {
        StringBuilder sb = new StringBuilder(getMessage());
        List<PolicyProblem> primary = problems.stream().filter(PolicyProblem::primary).collect(Collectors.toList());
        for (PolicyProblem p : primary) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        long hidden = problems.size() - primary.size();
        if (hidden > 0) {
            sb.append(System.lineSeparator()).append("  （另有 ").append(hidden)
                    .append(" 个错误由上面的错误引起，没有列出；先改正上面的）");
        }
        return sb.toString();
    }
}
