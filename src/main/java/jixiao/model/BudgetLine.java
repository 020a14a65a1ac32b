package jixiao.model;

import java.math.BigDecimal;

/**
 * One line of the 预算情况 block, e.g. 部门预算总额 or 基本支出.
 *
 * @param name     the line as the table names it
 * @param section  the heading it stands under (资金来源, 资金结构), or null
 * @param initial  年初预算数
 * @param annual   全年预算数
 * @param executed 预算执行数
 * @param rate     the execution rate as the table writes it
 * @param fields   the fields its notice declares for budget lines
 */
public record BudgetLine(String name, String section, BigDecimal initial, BigDecimal annual, BigDecimal executed,
                         Value rate, Fields fields) implements WithFields {

    public BudgetLine {
        fields = fields == null ? Fields.NONE : fields;
    }

    /** A line with no notice-declared fields. */
    public BudgetLine(String name, String section, BigDecimal initial, BigDecimal annual, BigDecimal executed,
                      Value rate) {
        this(name, section, initial, annual, executed, rate, Fields.NONE);
    }

    public BudgetLine withFields(Fields newFields) {
        return new BudgetLine(name, section, initial, annual, executed, rate, newFields);
    }
}
