package jixiao.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jixiao.engine.Policy;
import jixiao.engine.PolicyRegistry;
import jixiao.engine.Scorer;
import jixiao.input.SubmissionReader;
import org.junit.jupiter.api.Test;

/**
 * The bench's two data sets are what its report calls them: the realistic mix has a few findings a submission and
 * most indicators at full points, the worst case dozens of findings; the scaling curve runs on 1, 2, 4 … cores.
 */
class BenchDataTest {

    private static final Path SEED = Path.of("scenarios/shangjie-2021/justice-bureau-2021.json");

    private static int[] findings(Synthetic gen, boolean realistic, Policy policy) throws Exception {
        int[] out = new int[200];
        for (int i = 0; i < out.length; i++) {
            String text = realistic ? gen.realistic(i) : gen.json(i);
            out[i] = new Scorer().score(policy, SubmissionReader.parse("bench", text, "bench-" + i)).findings().size();
        }
        Arrays.sort(out);
        return out;
    }

    @Test
    void aRealisticSubmissionHasAFewFindingsAndTheWorstCaseDozens() throws Exception {
        Synthetic gen = new Synthetic(Synthetic.read(SEED), 35);
        Policy policy = new PolicyRegistry(Path.of("rules")).forNotice("shangjie-2021");
        int[] realistic = findings(gen, true, policy);
        int[] worst = findings(gen, false, policy);
        // medians: a real table has a handful (the seed itself has 5), the worst case some 70
        assertThat(realistic[realistic.length / 2]).isBetween(1, 12);
        assertThat(worst[worst.length / 2]).isGreaterThan(30);
        // the realistic mix agrees with the plain-Java reference as the worst case does
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            texts.add(gen.realistic(i));
        }
        Reference.Agreement a = Reference.compare(ReferenceNotice.load(), texts, policy, new Scorer());
        assertThat(a.allAgree()).as(a.toString()).isTrue();
    }

    @Test
    void theScalingCurveDoublesUpToTheCoresAndEndsAtThem() {
        assertThat(BenchCommand.threadCounts(1)).containsExactly(1);
        assertThat(BenchCommand.threadCounts(2)).containsExactly(1, 2);
        assertThat(BenchCommand.threadCounts(6)).containsExactly(1, 2, 4, 6);
        assertThat(BenchCommand.threadCounts(16)).containsExactly(1, 2, 4, 8, 16);
    }
}
