package jixiao.model;

/**
 * A notice's parameter: the first-level category whose points go to another when it does not apply. Inserted by the
 * rows of the notice's 分值并入 table; one shared rule moves the points, so that each notice states only which category
 * goes where, and when.
 *
 * @param category     the category that may not apply
 * @param into         the category its points go to
 * @param whenDeclared whether a department's declaring it not applicable moves its points too (it always does when
 *                     the table has no indicator of the category)
 * @param situation    how the notice words the case, for the weight's history ("项目未设某指标")
 * @param basis        the clause of the notice
 */
public record WeightTransfer(String category, String into, boolean whenDeclared, String situation, String basis) {
}
