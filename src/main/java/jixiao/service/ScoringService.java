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
import jixiao.input.InputException;
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
        Submission s;
        try {
            s = input.read();
        } catch (InputException e) {
            return new Outcome.Unreadable(label, e);
        }
        Policy policy;
        try {
            policy = rules != null ? registry.forFolder(rules) : registry.forNotice(s.notice());
        } catch (UnknownNoticeException e) {
            return new Outcome.UnknownNotice(label, e.getMessage());
        } catch (PolicyException e) {
            return new Outcome.RulesBroken(label, e);
        }
        return score(label, policy, s);
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
