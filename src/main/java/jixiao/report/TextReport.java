package jixiao.report;

import java.util.ArrayList;
import java.util.List;
import jixiao.engine.ScoreResult;
import jixiao.model.CategoryScore;
import jixiao.model.CategoryWeight;
import jixiao.model.Finding;
import jixiao.model.Indicator;
import jixiao.model.IndicatorScore;
import jixiao.model.Num;
import jixiao.model.Submission;

/**
 * The report an analyst reads: the total and grade against the self-evaluation, each first-level category with
 * where its weight came from, every indicator with its recomputed score, the rule that gave it and why, and the
 * review findings. Words and numbers come from the rules; this class only lays them out.
 */
public final class TextReport {

    private TextReport() {
    }

    public static String render(ScoreResult r) {
        List<String> out = new ArrayList<>();
        if (r.policy().isDraft()) {
            out.add("【按草稿的规则评分（" + r.policy().id() + " 的草稿，未发布）：不是按现行规则评出的结果】");
        }
        heading(out, r);
        String headline = headline(r);
        out.add(headline);
        out.add("");
        indicators(out, r);
        categories(out, r);
        totalAndGrade(out, r, headline);
        findings(out, r);
        return String.join(System.lineSeparator(), out) + System.lineSeparator();
    }

    /** Who, for which year and kind, under which notice. */
    private static void heading(List<String> out, ScoreResult r) {
        Submission s = r.submission();
        String title = join(" · ", s.department(), s.year() == null ? null : s.year() + " 年度", s.kind());
        out.add(title.isEmpty() ? s.id() : title);
        if (s.project() != null) {
            out.add("项目：" + s.project() + (s.supervisor() == null ? "" : "（主管部门：" + s.supervisor() + "）"));
        }
        String notice = r.policy().id() + (r.policy().notice().title() == null ? "" : "  " + r.policy().notice().title());
        out.add("评分政策：" + notice + "（规则指纹 " + r.policy().fingerprint() + "）");
        out.add("提交编号：" + s.id());
        if (s.overallGoal() != null) {
            out.add("年度总体目标：" + s.overallGoal());
        }
        if (s.overallGoalCompletion() != null) {
            out.add("完成情况：" + s.overallGoalCompletion());
        }
        out.add("");
    }

    /** 总分 and 等级 beside the department's own. */
    private static String headline(ScoreResult r) {
        Submission s = r.submission();
        String total = r.total() == null ? "（无规则给出总分）" : Num.fmt(r.total().getScore()) + " 分";
        String grade = r.grade() == null ? "（无规则给出等级）" : r.grade().getName();
        return "总分  " + total + claimed(Num.fmt(s.claimedTotal()), s.claimedTotal() != null)
                + "      等级  " + grade + claimed(s.claimedGrade(), s.claimedGrade() != null);
    }

    /** Every indicator, category by category, with the rule behind its score. */
    private static void indicators(List<String> out, ScoreResult r) {
        out.add("三级指标（分值 / 重算得分 / 自评得分；〔〕内为计分规则）");
        String category = null;
        for (IndicatorScore is : r.indicators()) {
            Indicator i = is.getIndicator();
            if (!i.category().equals(category)) {
                category = i.category();
                CategoryScore c = r.category(category);
                out.add("【" + category + "】" + (c == null ? "" : " 得分 " + Num.fmt(c.getScore()) + " / 分值 "
                        + Num.fmt(c.getWeight())));
            }
            String name = i.group() == null || i.group().isBlank() ? i.name() : i.group() + " / " + i.name();
            String mark = i.claimed() != null && !Num.same(i.claimed(), is.getScore()) ? "  ≠" : "";
            out.add("  " + name);
            out.add("      指标值 " + i.target() + "  实际完成值 " + i.actual() + "  分值 " + Num.fmt(i.points())
                    + "  得分 " + Num.fmt(is.getScore()) + "  自评 " + Num.fmt(i.claimed()) + mark
                    + (is.getTier() == null ? "" : "  档次 " + is.getTier()));
            out.add("      〔" + is.getRule() + "〕" + is.getExplanation());
            if (!i.fields().isEmpty()) {
                out.add("      本通知所加栏目：" + Text.declaredFields(i));
            }
            if (is.getReplaced() != null) {
                out.add("      替代了 " + Text.replaced(is));
            }
        }
        out.add("");
    }

    /** The first-level categories: weight, score, and where the weight came from. */
    private static void categories(List<String> out, ScoreResult r) {
        out.add("一级指标");
        int nameWidth = 14;
        for (CategoryWeight w : r.weights()) {
            nameWidth = Math.max(nameWidth, Text.width(w.getCategory()) + 2);
        }
        out.add("  " + Text.padRight("一级指标", nameWidth) + Text.padLeft("分值", 8) + Text.padLeft("得分", 10)
                + "   分值来源");
        for (CategoryWeight w : r.weights()) {
            CategoryScore c = r.category(w.getCategory());
            String weight = w.isApplicable() ? Num.fmt(w.getWeight()) : "不适用";
            String score = c == null ? "—" : Num.fmt(c.getScore());
            String origin = Text.weightSteps(w);
            out.add("  " + Text.padRight(w.getCategory(), nameWidth) + Text.padLeft(weight, 8)
                    + Text.padLeft(score, 10) + "   " + origin);
        }
        out.add("");
    }

    private static void totalAndGrade(List<String> out, ScoreResult r, String headline) {
        out.add(headline);
        if (r.total() != null) {
            out.add("      〔" + r.total().getRule() + "〕" + r.total().getExplanation());
        }
        if (r.grade() != null) {
            out.add("      〔" + r.grade().getRule() + "〕" + r.grade().getExplanation());
        }
        out.add("");
    }

    private static void findings(List<String> out, ScoreResult r) {
        if (r.findings().isEmpty()) {
            out.add("复核：无提示");
        } else {
            out.add("复核提示（" + r.findings().size() + "）");
            for (Finding f : r.findings()) {
                String subject = f.getSubject() == null ? "" : f.getSubject() + "：";
                String codeName = r.policy().codeName(f.getCode());
                out.add("  [" + f.severity().word() + " " + (codeName == null ? "" : codeName + " ")
                        + f.getCode() + "] " + subject + f.getMessage());
                out.add("      〔" + f.getRule() + "〕");
            }
        }
    }

    private static String claimed(String value, boolean present) {
        return present ? "（自评 " + value + "）" : "";
    }

    private static String join(String sep, String... parts) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                kept.add(p);
            }
        }
        return String.join(sep, kept);
    }
}
