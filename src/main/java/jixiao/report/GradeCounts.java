package jixiao.report;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many submissions got each grade, listed in the order the policy ranks the grades — which the host does not
 * know but the results show: the grade of the highest totals first (优 良 中 差, not the order of the characters).
 */
public final class GradeCounts {
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, BigDecimal> best = new HashMap<>();

    public void add(String grade, BigDecimal total) {
        counts.merge(grade, 1, Integer::sum);
        if (total != null) {
            best.merge(grade, total, BigDecimal::max);
        }
    }

    /** Grade → count, the grade of the highest totals first. */
    public Map<String, Integer> inPolicyOrder() {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.keySet().stream().sorted(Comparator.comparing(
                (String g) -> best.getOrDefault(g, BigDecimal.valueOf(-1))).reversed().thenComparing(g -> g))
                .forEach(g -> out.put(g, counts.get(g)));
        return out;
    }
}
