package jixiao.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The amount columns of a budget line, as the 预算情况 block heads them, so that a rule can check each column in
 * turn ({@code $column : BudgetColumn() from BudgetColumn.values()}) without naming a getter in a string.
 */
public enum BudgetColumn {
    INITIAL("年初预算数", BudgetLine::initial),
    ANNUAL("全年预算数", BudgetLine::annual),
    EXECUTED("预算执行数", BudgetLine::executed);

    private final String label;
    private final Function<BudgetLine, BigDecimal> amount;

    BudgetColumn(String label, Function<BudgetLine, BigDecimal> amount) {
        this.label = label;
        this.amount = amount;
    }

    /** The column's heading. */
    public String label() {
        return label;
    }

    /** This column of one line, or null when left blank. */
    public BigDecimal of(BudgetLine line) {
        return amount.apply(line);
    }

    /** This column summed over lines (exact; a blank cell not counted; 0.00 for none). */
    public BigDecimal sum(List<?> lines) {
        return Num.sum(lines, BudgetLine.class, amount);
    }
}
