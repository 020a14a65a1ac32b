package jixiao.service;

import java.util.List;
import java.util.stream.Collectors;
import jixiao.service.Exit;
import jixiao.engine.PolicyException;
import jixiao.engine.ScoreResult;
import jixiao.input.InputException;
import jixiao.model.Finding;
import jixiao.model.Subjects;

/**
 * What became of one submission: the one answer the command line turns into an exit code and the server into an
 * HTTP status, both here. Only {@link Scored} carries a score to report; a submission sent back (退回) keeps its
 * result for review only, and every report says 退回 first and gives no grade.
 */
public sealed interface Outcome {

    /** How messages name the submission. */
    String label();

    /**
     * The kinds of outcome, each with the command line's exit code (a batch exits with the worst) and the server's
     * HTTP status: the one table both map from.
     */
    enum Kind {
        SCORED("scored", Exit.OK, 200),
        SENT_BACK("sentBack", Exit.BAD_INPUT, 422),
        UNREADABLE("unreadable", Exit.BAD_INPUT, 400),
        UNKNOWN_NOTICE("unknownNotice", Exit.BAD_INPUT, 404),
        RULES_BROKEN("rulesBroken", Exit.BAD_RULES, 500),
        RULES_FAILED("rulesFailed", Exit.SCORING_FAILED, 500),
        TIMED_OUT("timedOut", Exit.SCORING_FAILED, 503);

        /** As the API's {@code outcome} field names it. */
        public final String id;
        public final int exitCode;
        public final int httpStatus;

        Kind(String id, int exitCode, int httpStatus) {
            this.id = id;
            this.exitCode = exitCode;
            this.httpStatus = httpStatus;
        }
    }

    Kind kind();

    /** The command line's exit code for it. */
    default int exitCode() {
        return kind().exitCode;
    }

    /** The server's HTTP status for it. */
    default int httpStatus() {
        return kind().httpStatus;
    }

    /** What a person is told, in full (stderr, an error body); null for a score. */
    String report();

    /** One line for a batch's summary of failures; null for a score. */
    String failure();

    /** The rules' result when they ran through (scored or sent back), else null. */
    default ScoreResult result() {
        return null;
    }

    /** Scored as filed: the only outcome whose total and grade are reported. */
    record Scored(String label, ScoreResult result) implements Outcome {
        public Kind kind() {
            return Kind.SCORED;
        }

        public String report() {
            return null;
        }

        public String failure() {
            return null;
        }
    }

    /** Sent back (退回) by the rules: it cannot be scored faithfully as filed; the reasons are its rejections. */
    record SentBack(String label, ScoreResult result) implements Outcome {
        public Kind kind() {
            return Kind.SENT_BACK;
        }

        public List<Finding> reasons() {
            return result.rejections();
        }

        public String report() {
            StringBuilder msg = new StringBuilder(label + " is rejected by the rules of " + result.policy().id()
                    + " and not scored (退回):");
            for (Finding f : reasons()) {
                String at = Subjects.jsonPath(result.submission(), f.getSubject());
                msg.append(System.lineSeparator()).append("  ").append(label).append(": ")
                        .append(at == null ? "" : at + " ")
                        .append(f.getSubject() == null ? "" : "(" + f.getSubject() + ") ")
                        .append(f.getMessage()).append(" [").append(f.getCode()).append("; rule: ")
                        .append(f.getRule()).append("]");
            }
            return msg.toString();
        }

        public String failure() {
            return label + ": rejected (" + result.rejectionCodes(", ") + ")";
        }
    }

    /** The submission cannot be read: where and what. */
    record Unreadable(String label, InputException error) implements Outcome {
        public Kind kind() {
            return Kind.UNREADABLE;
        }

        public String report() {
            return "cannot read " + error.getMessage();
        }

        public String failure() {
            return error.getMessage();
        }
    }

    /** The submission names a notice there is no policy folder for. */
    record UnknownNotice(String label, String message) implements Outcome {
        public Kind kind() {
            return Kind.UNKNOWN_NOTICE;
        }

        public String report() {
            return "cannot read " + label + ": $.notice: " + message;
        }

        public String failure() {
            return label + ": $.notice: " + message;
        }
    }

    /** The policy cannot be used (it does not compile, its base changed since it was pinned): nothing was scored. */
    record RulesBroken(String label, PolicyException error) implements Outcome {
        public Kind kind() {
            return Kind.RULES_BROKEN;
        }

        public String report() {
            return label + ": " + error.describe();
        }

        public String failure() {
            return label + ": " + error.getMessage();
        }
    }

    /**
     * The rules failed on this submission: a rule threw, recursed or kept re-firing, or they left a gap or an overlap
     * (an indicator scored never or twice, no total or grade, or two): no score is reported.
     */
    record RulesFailed(String label, String message, ScoreResult result) implements Outcome {
        static RulesFailed gaps(String label, ScoreResult r) {
            String gaps = r.ruleGaps().stream().map(f -> (f.getSubject() == null ? "" : f.getSubject() + "：")
                    + f.getMessage() + " [" + f.getCode() + "]").collect(Collectors.joining("; "));
            return new RulesFailed(label, "the rules of " + r.policy().id() + " leave a gap or an overlap, so no "
                    + "score is reported: " + gaps, r);
        }

        public Kind kind() {
            return Kind.RULES_FAILED;
        }

        public String report() {
            return label + ": " + message;
        }

        public String failure() {
            return label + ": " + (result == null ? message : "rules with a gap or an overlap (" + result.ruleGaps()
                    .stream().map(Finding::getCode).distinct().collect(Collectors.joining(", ")) + ")");
        }
    }

    /** The rules ran past the time limit on this submission and were stopped. */
    record TimedOut(String label, String message) implements Outcome {
        public Kind kind() {
            return Kind.TIMED_OUT;
        }

        public String report() {
            return label + ": " + message;
        }

        public String failure() {
            return label + ": " + message;
        }
    }
}
