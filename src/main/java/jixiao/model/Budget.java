package jixiao.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * The 预算情况 block: the department's target for the execution rate, the points and self-score the table gives
 * it, the department's reason when the target was missed (未完成原因), and the budget lines (amounts in
 * {@code unit}, usually 万元), and the fields its notice declares for the block ({@code fields}).
 */
public record Budget(Value target, BigDecimal points, BigDecimal claimed, String unit, List<BudgetLine> lines,
                     String reason, Fields fields) implements WithFields {
    public Budget {
        lines = lines == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
        fields = fields == null ? Fields.NONE : fields;
    }

    /** A budget block with no notice-declared fields. */
    public Budget(Value target, BigDecimal points, BigDecimal claimed, String unit, List<BudgetLine> lines,
                  String reason) {
        this(target, points, claimed, unit, lines, reason, Fields.NONE);
    }

    public Budget withLines(List<BudgetLine> newLines) {
        return new Budget(target, points, claimed, unit, newLines, reason, fields);
    }

    public Budget withFields(Fields newFields) {
        return new Budget(target, points, claimed, unit, lines, reason, newFields);
    }

}

