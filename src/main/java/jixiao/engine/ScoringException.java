package jixiao.engine;

/** The rules failed on one submission (a rule threw, or rules kept re-firing): that submission is not scored. */
public class ScoringException extends Exception {
    public ScoringException(String message) {
        super(message);
    }
}
