package jixiao.model;

import java.math.BigDecimal;

/**
 * One row of the indicator table (一级/二级/三级指标). An indicator is identified by its {@link #path()}, never
 * by its name alone: two categories may hold indicators of the same name.
 *
 * @param target         指标值
 * @param unit           度量单位 as written
 * @param actual         实际完成值
 * @param points         分值
 * @param claimed        the department's self-score (得分), or null
 * @param reason         未完成原因分析
 * @param tier           for a qualitative indicator, the tier an evaluator assigned, or null
 * @param evaluatorScore a score an evaluator gave within that tier, or null
 * @param fields         the fields its notice declares for indicators (扣分, 核查分…): {@code number("扣分")}
 */
public record Indicator(
        String category,
        String group,
        String name,
        Value target,
        String unit,
        Value actual,
        BigDecimal points,
        BigDecimal claimed,
        String reason,
        String tier,
        BigDecimal evaluatorScore,
        Fields fields) implements WithFields {

    public Indicator {
        fields = fields == null ? Fields.NONE : fields;
    }

    /** A row with no notice-declared fields. */
    public Indicator(String category, String group, String name, Value target, String unit, Value actual,
                     BigDecimal points, BigDecimal claimed, String reason, String tier, BigDecimal evaluatorScore) {
        this(category, group, name, target, unit, actual, points, claimed, reason, tier, evaluatorScore, Fields.NONE);
    }

    /** The same row with the notice-declared fields read for it. */
    public Indicator withFields(Fields newFields) {
        return new Indicator(category, group, name, target, unit, actual, points, claimed, reason, tier,
                evaluatorScore, newFields);
    }

    /** The same row with the actual value read in another unit (the target's). */
    public Indicator withActual(Value newActual) {
        return new Indicator(category, group, name, target, unit, newActual, points, claimed, reason, tier,
                evaluatorScore, fields);
    }


    /** category / group / name, leaving out what is blank; a first-level indicator with its own name is just that name. */
    public String path() {
        return pathOf(category, group, name);
    }

    /** The path of an indicator written with these names: the one way paths are made, for facts and scenarios. */
    public static String pathOf(String category, String group, String name) {
        StringBuilder sb = new StringBuilder(category == null ? "" : category);
        if (group != null && !group.isBlank()) {
            sb.append('/').append(group);
        }
        if (name != null && !name.isEmpty() && !name.equals(category)) {
            sb.append('/').append(name);
        }
        return sb.toString();
    }

    public boolean isQuantitative() {
        return target != null && target.isNumeric() && actual != null && actual.isNumeric();
    }

    public boolean isQualitative() {
        return target != null && !target.isNumeric();
    }

    /** The sum of the points (分值) of a list of rows (exact; 0.00 for none; a row without points not counted). */
    public static BigDecimal pointsOf(java.util.List<?> rows) {
        return Num.sum(rows, Indicator.class, Indicator::points);
    }

    /** The sum of the self-scores (得分) of a list of rows (exact; 0.00 for none; a row without one not counted). */
    public static BigDecimal claimedOf(java.util.List<?> rows) {
        return Num.sum(rows, Indicator.class, Indicator::claimed);
    }
}
