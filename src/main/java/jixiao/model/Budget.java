package jixiao.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * The 预算情况 block: the department's target for the execution rate, the points and self-score the table gives
 * it, the department's reason when the target was missed (未完成原因), and the budget lines (amounts in
 * {@code unit}, usually 万元).
 */
public record Budget(Value target, BigDecimal points, BigDecimal claimed, String unit, List<BudgetLine> lines,
                     String reason) {
    public Budget {
        lines = lines == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
    }

    public Budget withLines(List<BudgetLine> newLines) {
        return new Budget(target, points, claimed, unit, newLines, reason);
    }
}

