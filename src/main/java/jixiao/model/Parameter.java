package jixiao.model;

/**
 * A notice's parameter that is words, not a number: the name its tables give a column or a row, the advice a finding
 * gives. Inserted by the rows of the notice's 措辞 table ({@code new Parameter(参数, 值, 依据)}); a shared rule reads
 * it by name ({@code Parameter( name == "未完成原因栏", $column : value )}), so that the rule is written once and each
 * notice says it in its own words. {@code jixiao check-rules} refuses a notice that lacks a parameter one of its
 * rules reads: such a rule would never fire.
 *
 * @param basis the clause of the notice the words come from
 */
public record Parameter(String name, String value, String basis) {
}
