package jixiao.service;

import java.nio.file.Path;
import jixiao.engine.Policy;
import jixiao.engine.PolicyException;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.engine.ScoringException;
import jixiao.engine.ScoringTimeoutException;
import jixiao.engine.UnknownNoticeException;
import java.util.List;
import jixiao.input.FieldCatalog;
import jixiao.input.InputException;
import jixiao.model.FieldDeclaration;
import jixiao.model.Submission;

/**
 * Read → the policy as it is on disk → score under the time and firing limits → one {@link Outcome}: the one path
 * both the command line and the server take, so that neither keeps its own idea of what a submission's outcome is.
 */
public final class ScoringService {

    private final PolicyRegistry registry;
    private final Scorer scorer;

    public ScoringService(PolicyRegistry registry, Scorer scorer) {
        this.registry = registry;
        this.scorer = scorer;
        registry.onReplaced(scorer::release);
    }

    public PolicyRegistry registry() {
        return registry;
    }

    public Scorer scorer() {
        return scorer;
    }

    /** Scores the input by the notice it names. */
    public Outcome score(Input input) {
        return score(input, null);
    }

    /**
     * Scores the input.
     *
     * @param rules a policy folder to score it by instead of its notice's, or null
     */
    public Outcome score(Input input, Path rules) {
        String label = input.label();
        Lookup lookup = new Lookup(rules);
        Submission s;
        try {
            s = input.read(lookup);
        } catch (InputException e) {
            if (lookup.failure != null) {
                return policyFailure(label, lookup.failure); // its notice is not there to say what it may carry
            }
            return new Outcome.Unreadable(label, e);
        }
        Policy policy = lookup.policy;
        if (policy == null || lookup.failure != null || (rules == null && !java.util.Objects.equals(lookup.notice,
                s.notice()))) {
            try {
                policy = rules != null ? registry.forFolder(rules) : registry.forNotice(s.notice());
            } catch (PolicyException e) {
                return policyFailure(label, e);
            }
        }
        return score(label, policy, s);
    }

    private static Outcome policyFailure(String label, PolicyException e) {
        return e instanceof UnknownNoticeException ? new Outcome.UnknownNotice(label, e.getMessage())
                : new Outcome.RulesBroken(label, e);
    }

    /**
     * The reader asks which fields the submission's notice declares: that is when the policy is looked up (as it is
     * on disk now), once, and kept for scoring, or why it cannot be had.
     */
    private final class Lookup implements FieldCatalog {
        private final Path rules;
        private Policy policy;
        private PolicyException failure;
        private String notice;

        Lookup(Path rules) {
            this.rules = rules;
        }

        @Override
        public List<FieldDeclaration> fieldsOf(String asked) {
            if (policy != null && java.util.Objects.equals(asked, notice)) {
                return policy.fields();
            }
            notice = asked;
            policy = null;
            failure = null;
            if (asked == null && rules == null) {
                return List.of(); // no notice named: the reader says so
            }
            try {
                policy = rules != null ? registry.forFolder(rules) : registry.forNotice(asked);
                return policy.fields();
            } catch (PolicyException e) {
                failure = e;
                return List.of();
            }
        }
    }

    /** The fields each notice's submissions carry, as the notices are on disk now (for readers outside scoring). */
    public FieldCatalog fieldCatalog() {
        return notice -> {
            try {
                return registry.forNotice(notice).fields();
            } catch (PolicyException e) {
                return List.of();
            }
        };
    }

    /** Scores a submission already read by a policy already chosen (two notices compared over one submission). */
    public Outcome score(String label, Policy policy, Submission s) {
        ScoreResult r;
        try {
            r = scorer.score(policy, s);
        } catch (ScoringTimeoutException e) {
            return new Outcome.TimedOut(label, e.getMessage());
        } catch (ScoringException e) {
            return new Outcome.RulesFailed(label, e.getMessage(), null);
        }
        if (!r.isScored()) {
            return new Outcome.SentBack(label, r);
        }
        if (!r.ruleGaps().isEmpty()) {
            return Outcome.RulesFailed.gaps(label, r);
        }
        return new Outcome.Scored(label, r);
    }
}
