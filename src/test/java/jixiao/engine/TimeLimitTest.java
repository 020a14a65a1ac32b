package jixiao.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jixiao.Fixtures;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time limit stops rules that run too long, and nothing else: when a rule throws instead, the limit's watch
 * must end with the scoring, not go off later in the middle of the thread's next work (it used to stop the thread
 * a limit and a second later, wherever it was).
 */
class TimeLimitTest {

    @TempDir
    Path tmp;

    /** shangjie-2021 with the first consequence of 62-reasons.drl (its own copy of the shared file) replaced by {@code code}. */
    private Policy withConsequence(String code) throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.RULES, rules);
        Path drl = rules.resolve("shangjie-2021/62-reasons.drl");
        Files.copy(rules.resolve("common/62-reasons.drl"), drl);
        String text = Files.readString(drl);
        Matcher m = Pattern.compile("(?m)^then\\s*$").matcher(text);
        assertThat(m.find()).isTrue();
        Files.writeString(drl, text.substring(0, m.end()) + "\n    " + code + "\n" + text.substring(m.end()));
        return PolicyLoader.load(rules.resolve("shangjie-2021"));
    }

    /** The seed with no 未完成原因: the first rule of 62-reasons fires on 政府采购执行率. */
    private static Submission withoutReasons() throws Exception {
        com.fasterxml.jackson.databind.JsonNode seed = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(Fixtures.SEED));
        seed.get("indicators").forEach(i -> ((com.fasterxml.jackson.databind.node.ObjectNode) i).remove("reason"));
        return SubmissionReader.fromTree("seed", seed, "seed");
    }

    @Test
    void aRuleThatThrowsLeavesNoWatchToStopTheThreadLater() throws Exception {
        Policy p = withConsequence("if (true) { throw new IllegalStateException(\"boom\"); }");
        Scorer scorer = new Scorer().withTimeout(Duration.ofMillis(1_500));
        Submission s = withoutReasons();
        assertThatThrownBy(() -> scorer.score(p, s)).isInstanceOf(ScoringException.class)
                .isNotInstanceOf(ScoringTimeoutException.class).hasMessageContaining("boom");
        // past the limit and the second after it: a stray stop would arrive here as a ThreadDeath
        Thread.sleep(3_500);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aRuleThatLoopsInsideItsConsequenceIsStoppedAndNamed() throws Exception {
        Policy p = withConsequence("while (System.nanoTime() > 0) { }");
        Scorer scorer = new Scorer().withTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> scorer.score(p, withoutReasons())).isInstanceOf(ScoringTimeoutException.class)
                .hasMessageContaining("was still running");
        // neither a stray stop nor a stale interrupt is left for the thread's next work
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.sleep(1_500);
        // the thread goes on scoring: the seed as it is
        assertThat(scorer.score(Fixtures.policy(Fixtures.SHANGJIE), SubmissionReader.read(Fixtures.SEED)).total()
                .getScore()).isEqualByComparingTo("99.11");
    }
}
