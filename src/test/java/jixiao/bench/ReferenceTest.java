package jixiao.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jixiao.engine.Policy;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import org.junit.jupiter.api.Test;

/**
 * The bench's plain-Java reference of shangjie-2021 is a fair limit only if it scores as the rules do: on the seed
 * (worked by hand in SeedTest: 99.11, 优) and on the bench's synthetic submissions, result for result.
 */
class ReferenceTest {

    private static final Path SEED = Path.of("scenarios/shangjie-2021/justice-bureau-2021.json");

    @Test
    void theReferenceScoresTheSeedAsTheNoticeSays() throws Exception {
        ReferenceNotice.Result r = ReferenceNotice.load().score(SubmissionReader.read(SEED));
        // 2 × 50 ÷ 90 = 1.11 for 政府采购执行率, every other indicator full: 投入管理指标 29.11, total 99.11, 优
        assertThat(r.total()).isEqualByComparingTo("99.11");
        assertThat(r.grade()).isEqualTo("优");
        assertThat(r.categories().get("投入管理指标")).isEqualByComparingTo("29.11");
        assertThat(r.categories().get("效益指标")).isEqualByComparingTo("30");
        assertThat(r.categories()).doesNotContainKey("可持续性指标");
    }

    @Test
    void theReferenceAndTheRulesAgreeOnEveryBenchSubmission() throws Exception {
        Synthetic gen = new Synthetic(Synthetic.read(SEED), 35);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add(gen.json(i));
        }
        Policy policy = new PolicyRegistry(Path.of("rules")).forNotice("shangjie-2021");
        Reference.Agreement a = Reference.compare(ReferenceNotice.load(), texts, policy, new Scorer());
        assertThat(a.allAgree()).as(a.toString()).isTrue();
        assertThat(a.agreed()).isEqualTo(300);
    }

    /** A changed number in the reference would be noticed: the comparison is not one that always agrees. */
    @Test
    void aDifferenceIsFound() throws Exception {
        var s = SubmissionReader.read(SEED);
        Policy policy = new PolicyRegistry(Path.of("rules")).forNotice("shangjie-2021");
        var product = new Scorer().score(policy, s);
        ReferenceNotice.Result ref = ReferenceNotice.load().score(s);
        assertThat(Reference.difference(ref, product)).isNull();
        var off = new java.util.LinkedHashMap<>(ref.indicators());
        off.put(off.keySet().iterator().next(), new java.math.BigDecimal("0.01"));
        assertThat(Reference.difference(new ReferenceNotice.Result(off, ref.categories(), ref.total(), ref.grade()),
                product)).startsWith("indicators");
        assertThat(Files.exists(SEED)).isTrue();
    }
}
