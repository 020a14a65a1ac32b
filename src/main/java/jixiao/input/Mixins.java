package jixiao.input;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import jixiao.model.Budget;
import jixiao.model.BudgetLine;
import jixiao.model.CategoryDeclaration;
import jixiao.model.Indicator;
import jixiao.model.Submission;
import jixiao.model.Task;
import jixiao.model.Value;

/**
 * How JSON binds to the facts: through their constructors without notice-declared fields, so that a JSON key
 * {@code "fields"} is an unknown field like any other; the declared fields are read by {@link DeclaredFields}, which
 * knows what the notice declares.
 */
final class Mixins {

    private Mixins() {
    }

    static void register(ObjectMapper m) {
        m.addMixIn(Submission.class, SubmissionMixin.class);
        m.addMixIn(Budget.class, BudgetMixin.class);
        m.addMixIn(BudgetLine.class, BudgetLineMixin.class);
        m.addMixIn(CategoryDeclaration.class, CategoryMixin.class);
        m.addMixIn(Indicator.class, IndicatorMixin.class);
    }

    abstract static class SubmissionMixin {
        @JsonCreator
        SubmissionMixin(@JsonProperty("id") String id, @JsonProperty("notice") String notice,
                        @JsonProperty("kind") String kind, @JsonProperty("department") String department,
                        @JsonProperty("year") Integer year, @JsonProperty("claimedTotal") BigDecimal claimedTotal,
                        @JsonProperty("claimedGrade") String claimedGrade,
                        @JsonProperty("overallGoal") String overallGoal,
                        @JsonProperty("overallGoalCompletion") String overallGoalCompletion,
                        @JsonProperty("budget") Budget budget,
                        @JsonProperty("categories") List<CategoryDeclaration> categories,
                        @JsonProperty("tasks") List<Task> tasks,
                        @JsonProperty("indicators") List<Indicator> indicators,
                        @JsonProperty("project") String project, @JsonProperty("supervisor") String supervisor) {
        }
    }

    abstract static class BudgetMixin {
        @JsonCreator
        BudgetMixin(@JsonProperty("target") Value target, @JsonProperty("points") BigDecimal points,
                    @JsonProperty("claimed") BigDecimal claimed, @JsonProperty("unit") String unit,
                    @JsonProperty("lines") List<BudgetLine> lines, @JsonProperty("reason") String reason) {
        }
    }

    abstract static class BudgetLineMixin {
        @JsonCreator
        BudgetLineMixin(@JsonProperty("name") String name, @JsonProperty("section") String section,
                        @JsonProperty("initial") BigDecimal initial, @JsonProperty("annual") BigDecimal annual,
                        @JsonProperty("executed") BigDecimal executed, @JsonProperty("rate") Value rate) {
        }
    }

    abstract static class CategoryMixin {
        @JsonCreator
        CategoryMixin(@JsonProperty("name") String name, @JsonProperty("applicable") Boolean applicable,
                      @JsonProperty("weight") BigDecimal weight, @JsonProperty("note") String note) {
        }
    }

    abstract static class IndicatorMixin {
        @JsonCreator
        IndicatorMixin(@JsonProperty("category") String category, @JsonProperty("group") String group,
                       @JsonProperty("name") String name, @JsonProperty("target") Value target,
                       @JsonProperty("unit") String unit, @JsonProperty("actual") Value actual,
                       @JsonProperty("points") BigDecimal points, @JsonProperty("claimed") BigDecimal claimed,
                       @JsonProperty("reason") String reason, @JsonProperty("tier") String tier,
                       @JsonProperty("evaluatorScore") BigDecimal evaluatorScore) {
        }
    }
}
