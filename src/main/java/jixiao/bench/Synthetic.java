package jixiao.bench;

import jixiao.batch.Batch;
import jixiao.service.Exit;
import jixiao.batch.Inputs;
import jixiao.batch.Progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import jixiao.model.Value;

/**
 * Synthetic submissions for benchmarks, made from a real one (the template) so that they fit its notice without
 * this class knowing any notice: indicators are split until there are as many as asked (their points shared, so
 * weights still add up), and actual values, self-scores and budget execution vary deterministically with the
 * submission's number. Submission i is the same in every run.
 */
public final class Synthetic {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode template;

    Synthetic(JsonNode template, int indicators) {
        this.template = ((ObjectNode) template).deepCopy();
        ArrayNode rows = (ArrayNode) this.template.get("indicators");
        int i = 0;
        int guard = 0;
        while (rows.size() < indicators && guard++ < 10_000) {
            ObjectNode row = (ObjectNode) rows.get(i % rows.size());
            i++;
            int points = row.path("points").asInt();
            if (points < 2) {
                continue;
            }
            ObjectNode copy = row.deepCopy();
            int half = points / 2;
            row.put("points", points - half);
            row.put("claimed", Math.min(row.path("claimed").asDouble(points), points - half));
            copy.put("name", row.path("name").asText() + "（分项" + rows.size() + "）");
            copy.put("points", half);
            copy.put("claimed", half);
            rows.add(copy);
        }
    }

    /** A copy of the template as submission number i: its own id and department. */
    private ObjectNode numbered(long i) {
        ObjectNode s = template.deepCopy();
        s.put("id", "bench-" + i);
        s.put("department", s.path("department").asText("") + " #" + i);
        return s;
    }

    /**
     * Submission number i as a realistic table has it, as one line of JSON: most quantitative indicators meet their
     * target (the actual written as the target's own number) and are self-scored at full points, one in ten misses it
     * (an actual of 30-100% of the target, self-scored at full points: a finding or two); qualitative ones are met;
     * the budget table is the template's, untouched. A submission has a few findings, as real ones have.
     */
    String realistic(long i) {
        Random r = new Random(0x7ea1 ^ i * 0x9E3779B97F4A7C15L);
        ObjectNode s = numbered(i);
        for (JsonNode n : s.withArray("indicators")) {
            ObjectNode row = (ObjectNode) n;
            row.put("claimed", row.path("points").decimalValue());
            Value target = jixiao.input.Cells.value(row.path("target").asText());
            if (target.isNumeric() && !target.isRange() && !"date".equals(target.dimension())) {
                BigDecimal actual = r.nextInt(10) == 0
                        ? target.number().multiply(BigDecimal.valueOf(0.3 + 0.7 * r.nextDouble())).setScale(2,
                        RoundingMode.HALF_UP)
                        : target.number();
                row.put("actual", actual.toPlainString() + target.unit());
            }
        }
        return s.toString();
    }

    /** Submission number i, every figure varied (the worst case: about 70 findings a submission), as one line of JSON. */
    String json(long i) {
        Random r = new Random(0x5eed ^ i * 0x9E3779B97F4A7C15L);
        ObjectNode s = numbered(i);
        for (JsonNode n : s.withArray("indicators")) {
            ObjectNode row = (ObjectNode) n;
            int points = row.path("points").asInt();
            row.put("claimed", BigDecimal.valueOf(r.nextInt(points * 100 + 1), 2));
            Value target = jixiao.input.Cells.value(row.path("target").asText());
            if (target.isNumeric()) {
                double factor = 0.3 + r.nextDouble();
                BigDecimal actual = target.number().multiply(BigDecimal.valueOf(factor)).setScale(2,
                        RoundingMode.HALF_UP);
                row.put("actual", actual.toPlainString() + target.unit());
            } else if (r.nextInt(5) == 0) {
                row.put("evaluatorScore", BigDecimal.valueOf(points * (50 + r.nextInt(51)), 2));
            }
        }
        JsonNode lines = s.path("budget").path("lines");
        for (JsonNode n : lines) {
            ObjectNode line = (ObjectNode) n;
            if (line.hasNonNull("annual")) {
                double factor = 0.7 + r.nextDouble() * 0.5;
                line.put("executed", line.get("annual").decimalValue().multiply(BigDecimal.valueOf(factor))
                        .setScale(2, RoundingMode.HALF_UP));
                line.remove("rate");
            }
        }
        return s.toString();
    }

    static JsonNode read(java.nio.file.Path file) throws java.io.IOException {
        return MAPPER.readTree(file.toFile());
    }
}
