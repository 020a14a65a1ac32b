package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jixiao.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jixiao test --watch}: a saved rule file re-runs the scenarios; a broken save is shown and watching goes on. */
class WatchTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void savingARuleReRunsTheScenariosAndABrokenSaveKeepsWatching() throws Exception {
        Path rules = tmp.resolve("rules");
        Fixtures.copyTree(Fixtures.SHANGJIE, rules.resolve("shangjie-2021"));
        Path scenarios = tmp.resolve("scenarios");
        Files.createDirectories(scenarios);
        Files.writeString(scenarios.resolve("seed.scenario.json"), """
                { "submission": "%s", "expect": { "grade": "优" } }
                """.formatted(Fixtures.SEED.toAbsolutePath().toString().replace("\\", "/")), StandardCharsets.UTF_8);

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        PrintStream oldOut = System.out;
        System.setOut(out);
        try {
            CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> Main.run(new String[] {
                "test", "--watch", "--watch-limit", "2", "--rules-root", rules.toString(), scenarios.toString()},
                    out, out));
            waitFor(buffer, "watching", 1);

            Path grades = rules.resolve("shangjie-2021/00-parameters.drl.csv");
            String original = Files.readString(grades, StandardCharsets.UTF_8);
            assertThat(original).contains(",,year == null || year >= $param,");
            Files.writeString(grades, original.replace(",,year == null || year >= $param,", ",,year == null || year >= $param (,"),
                    StandardCharsets.UTF_8);
            waitFor(buffer, "BROKEN", 1);

            Files.writeString(grades, original.replace(",10 通知参数,优,90,不限,", ",10 通知参数,优,99.5,不限,")
                    .replace(",10 通知参数,良,80,90,", ",10 通知参数,良,80,99.5,"), StandardCharsets.UTF_8);
            watching.get(30, TimeUnit.SECONDS);
        } finally {
            System.setOut(oldOut);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("1 passed, 0 failed");            // the first run
        assertThat(text).contains("changed: [00-parameters.drl.csv]");
        assertThat(text).contains("BROKEN").contains("00-parameters.drl.csv"); // the broken save, with its file
        assertThat(text).contains("等级（grade）：期望 优，实际 良");     // the edited band, same JVM
        assertThat(text.indexOf("BROKEN")).isLessThan(text.indexOf("等级（grade）：期望 优，实际 良"));
    }

    private static void waitFor(ByteArrayOutputStream buffer, String text, int times) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            String s = buffer.toString(StandardCharsets.UTF_8);
            int count = s.split(java.util.regex.Pattern.quote(text), -1).length - 1;
            if (count >= times) {
                Thread.sleep(100);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never printed \"" + text + "\":\n" + buffer.toString(StandardCharsets.UTF_8));
    }
}
