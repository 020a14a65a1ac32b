package jixiao.model;

import java.math.BigDecimal;

/** One row of the 年度主要任务 table. Amounts in the budget's unit. */
public record Task(String name, String content, BigDecimal budget, BigDecimal fiscalBudget, String completion,
                   BigDecimal executed, BigDecimal fiscalExecuted, Value rate) {
}
