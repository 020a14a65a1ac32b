package jixiao.input;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jixiao.model.Budget;
import jixiao.model.BudgetLine;
import jixiao.model.Indicator;
import jixiao.model.Submission;
import jixiao.model.Task;
import jixiao.model.Value;

/**
 * Puts what was written in different units of one dimension into one unit, using only the units table: amounts
 * written with a unit of money ({@code "1000000元"}) into the budget's unit ({@code 万元}), and an actual value into
 * its target's unit ({@code 0.5万元} against {@code ≤8000元}). Text as typed is kept for reports. An amount whose unit
 * cannot be put into the table's unit is refused with its JSON path; an actual in another dimension is left as it is,
 * for the rules to judge.
 */
final class UnitConversion {

    private UnitConversion() {
    }

    static Submission apply(String source, Submission s, Map<String, Units.Unit> amountUnits) throws InputException {
        Budget budget = s.budget();
        List<Task> tasks = s.tasks();
        if (!amountUnits.isEmpty()) {
            Units.Unit table = tableUnit(source, s, amountUnits);
            if (budget != null) {
                List<BudgetLine> lines = new ArrayList<>();
                for (int i = 0; i < budget.lines().size(); i++) {
                    BudgetLine l = budget.lines().get(i);
                    String at = "/budget/lines/" + i + "/";
                    lines.add(new BudgetLine(l.name(), l.section(), conv(l.initial(), at + "initial", amountUnits, table),
                            conv(l.annual(), at + "annual", amountUnits, table),
                            conv(l.executed(), at + "executed", amountUnits, table), l.rate(), l.fields()));
                }
                budget = budget.withLines(lines);
            }
            List<Task> converted = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                String at = "/tasks/" + i + "/";
                converted.add(new Task(t.name(), t.content(), conv(t.budget(), at + "budget", amountUnits, table),
                        conv(t.fiscalBudget(), at + "fiscalBudget", amountUnits, table), t.completion(),
                        conv(t.executed(), at + "executed", amountUnits, table),
                        conv(t.fiscalExecuted(), at + "fiscalExecuted", amountUnits, table), t.rate()));
            }
            tasks = converted;
        }
        List<Indicator> indicators = new ArrayList<>(s.indicators().size());
        for (Indicator i : s.indicators()) {
            indicators.add(actualInTargetUnit(i));
        }
        return s.withParts(budget, tasks, indicators);
    }

    private static Units.Unit tableUnit(String source, Submission s, Map<String, Units.Unit> amountUnits)
            throws InputException {
        String first = amountUnits.keySet().iterator().next();
        String name = s.budget() == null ? null : s.budget().unit();
        if (name == null || name.isBlank()) {
            throw new InputException(source, pointerToPath(first), 0, 0, "an amount is written with a unit ("
                    + amountUnits.get(first).name() + "), but the budget names no unit for its table "
                    + "($.budget.unit, e.g. \"万元\"); give it, or write amounts as plain numbers in the table's unit");
        }
        Units.Unit unit = Units.standard().get(name.strip());
        if (unit == null || !unit.dimension().equals("money")) {
            throw new InputException(source, "$.budget.unit", 0, 0, "'" + name + "' is not a unit of money such as 元, "
                    + "千元, 万元 or 亿元");
        }
        return unit;
    }

    private static BigDecimal conv(BigDecimal x, String pointer, Map<String, Units.Unit> units, Units.Unit table) {
        Units.Unit u = units.get(pointer);
        return u == null ? x : Units.convert(x, u, table);
    }

    private static Indicator actualInTargetUnit(Indicator i) {
        Value t = i.target();
        Value a = i.actual();
        if (t == null || a == null || !t.isNumeric() || !a.isNumeric() || t.unit().equals(a.unit())) {
            return i;
        }
        Units.Unit tu = Units.standard().get(t.unit());
        Units.Unit au = Units.standard().get(a.unit());
        if (tu == null || au == null || !tu.dimension().equals(au.dimension())
                || tu.factor().multiply(au.divisor()).compareTo(au.factor().multiply(tu.divisor())) == 0) {
            return i; // another dimension is for the rules to judge; the same factor (个, 家) needs no conversion
        }
        return i.withActual(a.in(Units.convert(a.number(), au, tu), Units.convert(a.upper(), au, tu), tu.name()));
    }

    /** "/budget/lines/0/executed" → "$.budget.lines[0].executed". */
    static String pointerToPath(String pointer) {
        StringBuilder sb = new StringBuilder("$");
        for (String part : pointer.substring(1).split("/")) {
            if (part.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(part).append(']');
            } else {
                sb.append('.').append(part);
            }
        }
        return sb.toString();
    }
}
