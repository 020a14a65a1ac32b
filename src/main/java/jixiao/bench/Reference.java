package jixiao.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jixiao.engine.Policy;
import jixiao.engine.ScoreResult;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import jixiao.model.CategoryScore;
import jixiao.model.IndicatorScore;
import jixiao.model.Submission;
import jixiao.report.JsonReport;

/** The bench's comparison of the product with {@link ReferenceNotice}: same results first, then the time of each stage. */
final class Reference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reference() {
    }

    /** How many submissions the two agree on, and the first disagreement, if any. */
    record Agreement(int compared, int agreed, int unsupported, String firstDifference) {
        boolean allAgree() {
            return compared > 0 && agreed == compared && unsupported == 0;
        }

        @Override
        public String toString() {
            return "same indicator scores, category scores, totals and grades on " + agreed + " of " + compared
                    + " submissions" + (unsupported > 0 ? " (" + unsupported + " of a shape the reference does not "
                    + "cover)" : "") + (firstDifference == null ? "" : "; first difference: " + firstDifference);
        }
    }

    static Agreement compare(ReferenceNotice reference, List<String> texts, Policy policy, Scorer scorer)
            throws Exception {
        int agreed = 0;
        int unsupported = 0;
        String first = null;
        int i = 0;
        for (String t : texts) {
            Submission s = SubmissionReader.parse("bench", t, "bench-" + i++);
            ReferenceNotice.Result ref;
            try {
                ref = reference.score(s);
            } catch (ReferenceNotice.Unsupported e) {
                unsupported++;
                continue;
            }
            String difference = difference(ref, scorer.score(policy, s));
            if (difference == null) {
                agreed++;
            } else if (first == null) {
                first = s.id() + ": " + difference;
            }
        }
        return new Agreement(texts.size(), agreed, unsupported, first);
    }

    /** Where the product's result differs from the reference's, or null. */
    static String difference(ReferenceNotice.Result ref, ScoreResult r) {
        Map<String, BigDecimal> indicators = new LinkedHashMap<>();
        for (IndicatorScore x : r.indicators()) {
            indicators.put(x.getIndicator().path(), x.getScore());
        }
        if (!same(ref.indicators(), indicators)) {
            return "indicators " + ref.indicators() + " vs " + indicators;
        }
        Map<String, BigDecimal> categories = new LinkedHashMap<>();
        for (CategoryScore c : r.categories()) {
            categories.put(c.getCategory(), c.getScore());
        }
        if (!same(ref.categories(), categories)) {
            return "categories " + ref.categories() + " vs " + categories;
        }
        if (r.total() == null || ref.total().compareTo(r.total().getScore()) != 0) {
            return "total " + ref.total() + " vs " + (r.total() == null ? null : r.total().getScore());
        }
        if (r.grade() == null || !ref.grade().equals(r.grade().getName())) {
            return "grade " + ref.grade() + " vs " + (r.grade() == null ? null : r.grade().getName());
        }
        return null;
    }

    private static boolean same(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> e.getValue().compareTo(b.get(e.getKey())) == 0);
    }

    /** Adds the nanoseconds of each stage (read, score, render) of the reference and of the product. */
    static void time(ReferenceNotice reference, List<String> texts, Policy policy, Scorer scorer, long[] ref,
                     long[] product) throws Exception {
        int i = 0;
        long sink = 0;
        for (String t : texts) {
            String id = "bench-" + i++;
            long t0 = System.nanoTime();
            Submission s = SubmissionReader.parse("bench", t, id);
            long t1 = System.nanoTime();
            ReferenceNotice.Result result;
            try {
                result = reference.score(s);
            } catch (ReferenceNotice.Unsupported e) {
                continue;
            }
            long t2 = System.nanoTime();
            sink += render(s, result).length;
            long t3 = System.nanoTime();
            Submission again = SubmissionReader.parse("bench", t, id);
            long t4 = System.nanoTime();
            ScoreResult r = scorer.score(policy, again);
            long t5 = System.nanoTime();
            sink += JsonReport.line(r, JsonReport.Explanations.FULL).length; // the bytes a batch writes
            long t6 = System.nanoTime();
            ref[0] += t1 - t0;
            ref[1] += t2 - t1;
            ref[2] += t3 - t2;
            product[0] += t4 - t3;
            product[1] += t5 - t4;
            product[2] += t6 - t5;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the rendered text from being optimised away
        }
    }

    /** The reference's JSON: the same figures the product's report carries, without its explanations. */
    private static byte[] render(Submission s, ReferenceNotice.Result r) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", s.id());
        n.put("notice", s.notice());
        n.put("total", r.total());
        n.put("grade", r.grade());
        ObjectNode c = n.putObject("categories");
        r.categories().forEach(c::put);
        ObjectNode ind = n.putObject("indicators");
        r.indicators().forEach(ind::put);
        return JSON.writeValueAsBytes(n);
    }
}
