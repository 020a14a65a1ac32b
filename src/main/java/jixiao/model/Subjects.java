package jixiao.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a finding's subject is and where the submission writes it: an indicator (by its path), a declared category,
 * a budget line or a task, with a JSON path such as {@code $.indicators[11]}. A subject the file does not write (the
 * indicator a rule works out from the budget table, a category of the notice) has a kind and no path.
 */
public final class Subjects {

    /** Where a subject is: its kind (indicator, category, budgetLine, task) and JSON path (null if not in the file). */
    public record Where(String kind, String jsonPath) {
    }

    private Subjects() {
    }

    /**
     * Where each subject of the submission is written, worked out once for many look-ups. An indicator wins over a
     * category, a budget line or a task of the same name; within a list, the first row of a name wins.
     */
    public static Function<String, Where> index(Submission s) {
        Map<String, Where> m = new HashMap<>();
        putAll(m, "task", "$.tasks", s.tasks(), Task::name);
        if (s.budget() != null) {
            putAll(m, "budgetLine", "$.budget.lines", s.budget().lines(), BudgetLine::name);
        }
        putAll(m, "category", "$.categories", s.categories(), CategoryDeclaration::name);
        putAll(m, "indicator", "$.indicators", s.indicators(), Indicator::path);
        return subject -> subject == null ? null : m.get(subject);
    }

    /** The JSON path of one subject, or null. */
    public static String jsonPath(Submission s, String subject) {
        Where w = index(s).apply(subject);
        return w == null ? null : w.jsonPath();
    }

    /** Later puts win, so the calls above go from the lowest precedence to the highest. */
    private static <T> void putAll(Map<String, Where> m, String kind, String prefix, List<T> list,
                                   Function<T, String> key) {
        for (int i = list.size() - 1; i >= 0; i--) {
            T t = list.get(i);
            if (t != null) {
                m.put(key.apply(t), new Where(kind, prefix + "[" + i + "]"));
            }
        }
    }
}
