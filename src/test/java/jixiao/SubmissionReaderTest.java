package jixiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jixiao.input.InputException;
import jixiao.input.SubmissionReader;
import jixiao.model.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheSeedFaithfully() throws Exception {
        Submission s = SubmissionReader.read(Fixtures.SEED);
        assertThat(s.department()).isEqualTo("郑州市上街区司法局机关");
        assertThat(s.notice()).isEqualTo("shangjie-2021");
        assertThat(s.indicators()).hasSize(30);
        assertThat(s.tasks()).hasSize(6);
        assertThat(s.budget().lines()).extracting(l -> l.name())
                .containsExactly("部门预算总额", "财政性资金", "其他资金", "基本支出", "项目支出");
        assertThat(s.budget().lines().get(0).executed()).isEqualByComparingTo("717.52");
        assertThat(s.claimedTotal()).isEqualByComparingTo("99");
        assertThat(s.indicators().get(11).name()).isEqualTo("政府采购执行率");
        assertThat(s.indicators().get(11).reason()).isEqualTo("严格控制资金支出，压缩支出");
    }

    private InputException error(String json) throws Exception {
        Path f = tmp.resolve("s.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        try {
            SubmissionReader.read(f);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("no error for " + json);
    }

    private static final String ROW = "{\"category\":\"产出指标\",\"group\":\"g\",\"name\":\"n\",\"target\":\"≥1个\","
            + "\"actual\":\"2个\",\"points\":%s}";

    @Test
    void pointsAsTextWithFullWidthDigitsAreAccepted() throws Exception {
        Path f = tmp.resolve("ok.json");
        Files.writeString(f, "{\"notice\":\"x\",\"indicators\":[" + ROW.formatted("\"３０分\"") + "]}");
        assertThat(SubmissionReader.read(f).indicators().get(0).points()).isEqualByComparingTo("30");
        assertThat(SubmissionReader.read(f).id()).isEqualTo("ok");
    }

    @Test
    void unreadablePointsNameTheJsonPathAndLine() throws Exception {
        InputException e = error("{\"notice\":\"x\",\n\"indicators\":[\n" + ROW.formatted("\"三十\"") + "]}");
        assertThat(e.getJsonPath()).isEqualTo("$.indicators[0].points");
        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e.getMessage()).contains("s.json").contains("is not a number").contains("三十");
    }

    @Test
    void invalidJsonGivesLineAndColumn() throws Exception {
        InputException e = error("{\"notice\": \"x\",\n  \"indicators\": [}\n");
        assertThat(e.getLine()).isEqualTo(2);
        assertThat(e.getColumn()).isGreaterThan(0);
        assertThat(e.getMessage()).contains("invalid JSON");
    }

    @Test
    void unknownFieldsAreNamedWithTheKnownOnes() throws Exception {
        InputException e = error("{\"notice\":\"x\",\"indicator\":[]}");
        assertThat(e.getJsonPath()).isEqualTo("$.indicator");
        assertThat(e.getMessage()).contains("unknown field \"indicator\"").contains("indicators");
    }

    @Test
    void gbkIsRefusedWithAnExplanation() throws Exception {
        Path f = tmp.resolve("gbk.json");
        Files.write(f, ("{\"notice\":\"x\",\"department\":\"司法局\"}").getBytes(Charset.forName("GBK")));
        assertThatThrownBy(() -> SubmissionReader.read(f)).isInstanceOf(InputException.class)
                .hasMessageContaining("not UTF-8").hasMessageContaining("GBK");
    }

    @Test
    void aByteOrderMarkIsHarmless() throws Exception {
        Path f = tmp.resolve("bom.json");
        byte[] body = ("{\"notice\":\"x\",\"indicators\":[" + ROW.formatted("5") + "]}").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        assertThat(SubmissionReader.read(f).indicators()).hasSize(1);
    }

    @Test
    void duplicateIndicatorsAreRefused() throws Exception {
        InputException e = error("{\"notice\":\"x\",\"indicators\":[" + ROW.formatted("5") + "," + ROW.formatted("5")
                + "]}");
        assertThat(e.getJsonPath()).isEqualTo("$.indicators[1]");
        assertThat(e.getMessage()).contains("appears twice").contains("$.indicators[0]");
    }

    @Test
    void namesThatDifferOnlyInWhiteSpaceOrWidthAreOneIndicatorButOtherCharactersMakeTwo() throws Exception {
        String row = "{\"category\":\"%s\",\"group\":\"g\",\"name\":\"%s\",\"target\":\"≥1个\","
                + "\"actual\":\"2个\",\"points\":5}";
        // a space, a tab, a vertical tab, a form feed, an ideographic space, a no-break space, full-width brackets
        String[] sameAsFirst = {"村 (居) 服务", "村\\t(居)\\u000b服务", "村\\f(居)\\u3000服务", "村（居）\\u00a0服务"};
        for (String other : sameAsFirst) {
            InputException e = error("{\"notice\":\"x\",\"indicators\":[" + row.formatted("产出指标", "村(居)服务") + ","
                    + row.formatted("产出 指标", other) + "]}");
            assertThat(e.getJsonPath()).as(other).isEqualTo("$.indicators[1]");
            assertThat(e.getMessage()).contains("appears twice");
        }
        Path f = tmp.resolve("two.json");
        Files.writeString(f, "{\"notice\":\"x\",\"indicators\":[" + row.formatted("产出指标", "村(居)服务") + ","
                + row.formatted("产出指标", "村(居)服务站") + "]}", StandardCharsets.UTF_8);
        assertThat(SubmissionReader.read(f).indicators()).hasSize(2);
    }

    @Test
    void missingRequiredFieldsAndNegativePointsAreRefused() throws Exception {
        assertThat(error("{\"indicators\":[]}").getJsonPath()).isEqualTo("$.notice");
        assertThat(error("{\"notice\":\"x\",\"indicators\":[" + ROW.formatted("-5") + "]}").getMessage())
                .contains("$.indicators[0].points").contains("must not be negative");
        assertThat(error("{\"notice\":\"x\",\"indicators\":[{\"category\":\"c\",\"name\":\"n\",\"actual\":\"1\","
                + "\"points\":1}]}").getJsonPath()).isEqualTo("$.indicators[0].target");
        assertThat(error("").getMessage()).contains("empty");
        assertThat(error("{\"notice\":\"x\",\"indicators\":{}}").getMessage()).contains("expected a list");
    }
}
