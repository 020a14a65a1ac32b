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

    /** Where each subject of the submission is written, worked out once for many look-ups. */
    public static java.util.function.Function<String, String> index(Submission s) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        putAll(m, "$.tasks", s.tasks(), t -> t.name());
        if (s.budget() != null) {
            putAll(m, "$.budget.lines", s.budget().lines(), l -> l.name());
        }
        putAll(m, "$.categories", s.categories(), c -> c.name());
        putAll(m, "$.indicators", s.indicators(), i -> i.path());
        return subject -> subject == null ? null : m.get(subject);
    }

    /** Later puts win, so the order of the calls above is the reverse of the order of precedence in of(). */
    private static <T> void putAll(java.util.Map<String, String> m, String prefix, List<T> list,
                                   Function<T, String> key) {
        for (int i = list.size() - 1; i >= 0; i--) {
            T t = list.get(i);
            if (t != null) {
                m.put(key.apply(t), prefix + "[" + i + "]");
            }
        }
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
