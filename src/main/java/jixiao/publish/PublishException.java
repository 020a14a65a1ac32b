package jixiao.publish;

import java.util.List;

/** A draft, publish or rollback that cannot be done: the reasons, in words an analyst reads. */
public final class PublishException extends Exception {

    private final List<String> reasons;

    public PublishException(String message) {
        this(message, List.of());
    }

    public PublishException(String message, List<String> reasons) {
        super(message);
        this.reasons = List.copyOf(reasons);
    }

    /** Each reason the change was refused (a failed scenario, a gap in the grade bands …), or none. */
    public List<String> reasons() {
        return reasons;
    }
}
