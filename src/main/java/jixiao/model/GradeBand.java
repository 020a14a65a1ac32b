package jixiao.model;

import java.math.BigDecimal;

/**
 * A notice's parameter: the totals a grade covers, from {@code from} (inclusive) to below {@code below}
 * (exclusive), either end open when null. Inserted by the rows of the notice's 等级 table; a shared rule gives the
 * total the grade of the band it falls in and states the band from these numbers, so that a band edited in the table
 * changes every text that states it.
 *
 * @param name  the grade as the notice writes it
 * @param basis the clause it comes from (依据), cited in the explanation
 */
public record GradeBand(String name, BigDecimal from, BigDecimal below, String basis) {

    /** Whether a total falls in the band: at least {@code from}, and below {@code below}. */
    public boolean covers(BigDecimal total) {
        return total != null && (from == null || total.compareTo(from) >= 0)
                && (below == null || total.compareTo(below) < 0);
    }

    /** The band in words, from its numbers: 90分（含）以上, 80分（含）至90分（不含）, 60分以下, 任何总分. */
    public String describe() {
        if (from != null && below != null) {
            return Num.fmt(from) + "分（含）至" + Num.fmt(below) + "分（不含）";
        }
        if (from != null) {
            return Num.fmt(from) + "分（含）以上";
        }
        if (below != null) {
            return Num.fmt(below) + "分以下";
        }
        return "任何总分";
    }
}
