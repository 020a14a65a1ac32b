package jixiao.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One department's or project's self-evaluation (自评表) as filed. Inserted as a fact, together with each of
 * its indicators, budget lines, tasks and category declarations.
 *
 * @param id            a short id for reports; the file name when the submission gives none
 * @param notice        the id of the scoring notice (a folder under rules/)
 * @param kind          what is evaluated, as the table says (e.g. 部门整体绩效自评)
 * @param claimedTotal  the self-score (自评得分) the department wrote
 * @param claimedGrade  the result (自评结果) the department wrote
 * @param project       for a project's self-evaluation, the project (项目名称); else null
 * @param supervisor    for a project, its supervising department (主管部门); the department field is the unit that
 *                      carries it out (实施单位)
 * @param fields        the fields its notice declares for the submission as a whole
 */
public record Submission(
        String id,
        String notice,
        String kind,
        String department,
        Integer year,
        BigDecimal claimedTotal,
        String claimedGrade,
        String overallGoal,
        String overallGoalCompletion,
        Budget budget,
        List<CategoryDeclaration> categories,
        List<Task> tasks,
        List<Indicator> indicators,
        String project,
        String supervisor,
        Fields fields) implements WithFields {

    /** A submission with no notice-declared fields of its own. */
    public Submission(String id, String notice, String kind, String department, Integer year, BigDecimal claimedTotal,
                      String claimedGrade, String overallGoal, String overallGoalCompletion, Budget budget,
                      List<CategoryDeclaration> categories, List<Task> tasks, List<Indicator> indicators,
                      String project, String supervisor) {
        this(id, notice, kind, department, year, claimedTotal, claimedGrade, overallGoal, overallGoalCompletion,
                budget, categories, tasks, indicators, project, supervisor, Fields.NONE);
    }

    public Submission {
        fields = fields == null ? Fields.NONE : fields;
        // unmodifiable copies that keep a null element, so that the reader can say where it is
        categories = categories == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(categories));
        tasks = tasks == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tasks));
        indicators = indicators == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(indicators));
    }

    public Submission withParts(Budget newBudget, List<Task> newTasks, List<Indicator> newIndicators) {
        return new Submission(id, notice, kind, department, year, claimedTotal, claimedGrade, overallGoal,
                overallGoalCompletion, newBudget, categories, newTasks, newIndicators, project, supervisor, fields);
    }

    public Submission withCategories(List<CategoryDeclaration> newCategories) {
        return new Submission(id, notice, kind, department, year, claimedTotal, claimedGrade, overallGoal,
                overallGoalCompletion, budget, newCategories, tasks, indicators, project, supervisor, fields);
    }

    public Submission withId(String newId) {
        return new Submission(newId, notice, kind, department, year, claimedTotal, claimedGrade, overallGoal,
                overallGoalCompletion, budget, categories, tasks, indicators, project, supervisor, fields);
    }

    public Submission withFields(Fields newFields) {
        return new Submission(id, notice, kind, department, year, claimedTotal, claimedGrade, overallGoal,
                overallGoalCompletion, budget, categories, tasks, indicators, project, supervisor, newFields);
    }

}
