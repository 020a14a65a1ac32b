package jixiao.input;

import java.util.List;
import java.util.function.Function;
import jixiao.model.Submission;

/**
 * Where in a submission file a finding's subject is written: an indicator's path, a declared category, a budget
 * line or a task, as a JSON path such as {@code $.indicators[11]}. Null when the subject is the whole submission
 * or not written in the file.
 */
public final class JsonPaths {
    private JsonPaths() {
    }

    public static String of(Submission s, String subject) {
        if (subject == null) {
            return null;
        }
        String p = find("$.indicators", s.indicators(), i -> i.path(), subject);
        if (p == null) {
            p = find("$.categories", s.categories(), c -> c.name(), subject);
        }
        if (p == null && s.budget() != null) {
            p = find("$.budget.lines", s.budget().lines(), l -> l.name(), subject);
        }
        if (p == null) {
            p = find("$.tasks", s.tasks(), t -> t.name(), subject);
        }
        return p;
    }

    private static <T> String find(String prefix, List<T> list, Function<T, String> key, String subject) {
        for (int i = 0; i < list.size(); i++) {
            if (subject.equals(key.apply(list.get(i)))) {
                return prefix + "[" + i + "]";
            }
        }
        return null;
    }
}
