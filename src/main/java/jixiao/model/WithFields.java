package jixiao.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A fact that carries the fields its notice declares (扣分, 核查分, 核查意见…): the rules read them by name, e.g.
 * {@code Indicator( number("扣分") > 0 )}. Each accessor gives null (has: false) for a declared field left empty.
 */
public interface WithFields {

    /** The declared fields read for this fact. */
    Fields fields();

    /** A number the notice declares for it (e.g. 扣分), or null when not filled. */
    default BigDecimal number(String field) {
        return fields().number(field);
    }

    /** A value (comparator, number, unit) the notice declares for it, or null when not filled. */
    default Value value(String field) {
        return fields().value(field);
    }

    /** A text or tier the notice declares for it (e.g. 核查意见), or null when not filled. */
    default String text(String field) {
        return fields().text(field);
    }

    /** A date the notice declares for it, or null when not filled. */
    default LocalDate date(String field) {
        return fields().date(field);
    }

    /** Whether a field the notice declares for it is filled. */
    default boolean has(String field) {
        return fields().has(field);
    }
}
