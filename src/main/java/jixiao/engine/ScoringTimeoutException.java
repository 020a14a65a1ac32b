package jixiao.engine;

/** The rules of one submission ran past the time limit and were stopped: that submission is not scored. */
public final class ScoringTimeoutException extends ScoringException {
    public ScoringTimeoutException(String message) {
        super(message);
    }
}
