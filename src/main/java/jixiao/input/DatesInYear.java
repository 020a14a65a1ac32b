package jixiao.input;

import java.util.ArrayList;
import java.util.List;
import jixiao.model.Dates;
import jixiao.model.Indicator;
import jixiao.model.Submission;
import jixiao.model.Value;

/**
 * Dates written without their year (9月前, 7月) take the year of the self-evaluation, or else the year the other value
 * of the same indicator gives ({@code 2023年6月30日前} against {@code 7月}), so that the rules compare whole dates.
 */
final class DatesInYear {

    private DatesInYear() {
    }

    static Submission apply(Submission s) {
        List<Indicator> out = null;
        for (int k = 0; k < s.indicators().size(); k++) {
            Indicator i = s.indicators().get(k);
            Integer year = s.year() != null ? s.year() : yearOf(i.target()) != null ? yearOf(i.target())
                    : yearOf(i.actual());
            if (year == null || !undated(i.target()) && !undated(i.actual())) {
                continue;
            }
            Indicator changed = new Indicator(i.category(), i.group(), i.name(), inYear(i.target(), year), i.unit(),
                    inYear(i.actual(), year), i.points(), i.claimed(), i.reason(), i.tier(), i.evaluatorScore(),
                    i.fields());
            if (out == null) {
                out = new ArrayList<>(s.indicators());
            }
            out.set(k, changed);
        }
        return out == null ? s : s.withParts(s.budget(), s.tasks(), out);
    }

    private static boolean isDate(Value v) {
        return v != null && v.number() != null && Dates.DIMENSION.equals(v.dimension());
    }

    private static boolean undated(Value v) {
        return isDate(v) && !Dates.hasYear(v.number());
    }

    private static Integer yearOf(Value v) {
        return isDate(v) && Dates.hasYear(v.number()) ? Dates.of(v.number()).getYear() : null;
    }

    private static Value inYear(Value v, int year) {
        return undated(v) ? new Value(v.text(), v.comparator(), Dates.inYear(v.number(), year), v.upper(), v.unit(),
                v.dimension()) : v;
    }
}
