package jixiao.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The amount columns of the 年度主要任务 table, each with the budget column its total is matched with: a task's
 * 预算资金 is a share of a line's 全年预算数, its 预算执行数 of the line's 预算执行数.
 */
public enum TaskColumn {
    BUDGET("预算资金", Task::budget, BudgetColumn.ANNUAL),
    EXECUTED("预算执行数", Task::executed, BudgetColumn.EXECUTED);

    private final String label;
    private final Function<Task, BigDecimal> amount;
    private final BudgetColumn budgetColumn;

    TaskColumn(String label, Function<Task, BigDecimal> amount, BudgetColumn budgetColumn) {
        this.label = label;
        this.amount = amount;
        this.budgetColumn = budgetColumn;
    }

    /** The column's heading. */
    public String label() {
        return label;
    }

    /** The budget column whose amount the tasks' total of this column is matched with. */
    public BudgetColumn budgetColumn() {
        return budgetColumn;
    }

    /** This column summed over tasks (exact; a blank cell not counted; 0.00 for none). */
    public BigDecimal sum(List<?> tasks) {
        return Num.sum(tasks, Task.class, amount);
    }
}
