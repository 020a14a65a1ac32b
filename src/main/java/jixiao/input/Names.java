package jixiao.input;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import jixiao.model.Budget;
import jixiao.model.BudgetLine;
import jixiao.model.CategoryDeclaration;
import jixiao.model.Indicator;
import jixiao.model.Submission;
import jixiao.model.Task;

/**
 * The names by which rules match rows (categories, groups, indicators, budget lines, tasks), cleaned as read:
 * invisible characters removed and trimmed, so that "指标 " and "指标\u200B" are one indicator and
 * a row typed twice is found as a duplicate instead of passing as two. Names keep their full-width punctuation for
 * reports (村（居）); {@link #key} folds that too (NFKC, no spaces) for telling duplicates apart.
 */
final class Names {

    private Names() {
    }

    private static final java.util.regex.Pattern WHITE_SPACE = java.util.regex.Pattern.compile("\\s+");

    /** The key by which two names are the same: NFKC-folded, without any white space. */
    static String key(String s) {
        String n = of(s);
        if (n == null) {
            return null;
        }
        String folded = Normalizer.normalize(n, Normalizer.Form.NFKC);
        return hasWhiteSpace(folded) ? WHITE_SPACE.matcher(folded).replaceAll("") : folded;
    }

    /** Whether {@link #WHITE_SPACE} ({@code \s}: space, tab, line feed, vertical tab, form feed, return) occurs. */
    private static boolean hasWhiteSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c >= '\t' && c <= '\r') {
                return true;
            }
        }
        return false;
    }

    static String of(String s) {
        if (s == null) {
            return null;
        }
        String n = s;
        StringBuilder sb = null;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.getType(c) == Character.FORMAT || Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(n.length()).append(n, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return (sb == null ? n : sb.toString()).strip();
    }

    static Submission normalise(Submission s) {
        List<Indicator> indicators = new ArrayList<>(s.indicators().size());
        for (Indicator i : s.indicators()) {
            indicators.add(i == null ? null : new Indicator(of(i.category()), of(i.group()), of(i.name()), i.target(),
                    i.unit(), i.actual(), i.points(), i.claimed(), i.reason(), of(i.tier()), i.evaluatorScore(), i.fields()));
        }
        List<Task> tasks = new ArrayList<>(s.tasks().size());
        for (Task t : s.tasks()) {
            tasks.add(t == null ? null : new Task(of(t.name()), t.content(), t.budget(), t.fiscalBudget(),
                    t.completion(), t.executed(), t.fiscalExecuted(), t.rate()));
        }
        Budget b = s.budget();
        if (b != null) {
            List<BudgetLine> lines = new ArrayList<>(b.lines().size());
            for (BudgetLine l : b.lines()) {
                lines.add(l == null ? null : new BudgetLine(of(l.name()), of(l.section()), l.initial(), l.annual(),
                        l.executed(), l.rate(), l.fields()));
            }
            b = b.withLines(lines);
        }
        List<CategoryDeclaration> categories = new ArrayList<>(s.categories().size());
        for (CategoryDeclaration c : s.categories()) {
            categories.add(c == null ? null : new CategoryDeclaration(of(c.name()), c.applicable(), c.weight(),
                    c.note(), c.fields()));
        }
        return s.withParts(b, tasks, indicators).withCategories(categories);
    }
}
