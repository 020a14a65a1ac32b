package jixiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import jixiao.model.GradeBand;
import org.junit.jupiter.api.Test;

/** The band a grade covers: its lower end in, its upper end out, an open end when none is written. */
class GradeBandTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aBandHoldsItsLowerEndAndNotItsUpperEnd() {
        GradeBand good = new GradeBand("良", d("80"), d("90"), "注4");
        assertThat(good.covers(d("80"))).isTrue();
        assertThat(good.covers(d("80.00"))).isTrue();
        assertThat(good.covers(d("89.99"))).isTrue();
        assertThat(good.covers(d("90"))).isFalse();
        assertThat(good.covers(d("79.99"))).isFalse();
        assertThat(good.covers(null)).isFalse();
        assertThat(good.describe()).isEqualTo("80分（含）至90分（不含）");
    }

    @Test
    void anOpenEndTakesEveryTotalOnItsSide() {
        GradeBand top = new GradeBand("优", d("90"), null, "注4");
        assertThat(top.covers(d("100"))).isTrue();
        assertThat(top.covers(d("90"))).isTrue();
        assertThat(top.covers(d("89.99"))).isFalse();
        assertThat(top.describe()).isEqualTo("90分（含）以上");
        GradeBand bottom = new GradeBand("差", null, d("60"), "注4");
        assertThat(bottom.covers(d("0"))).isTrue();
        assertThat(bottom.covers(d("59.99"))).isTrue();
        assertThat(bottom.covers(d("60"))).isFalse();
        assertThat(bottom.describe()).isEqualTo("60分以下");
        assertThat(new GradeBand("全", null, null, "").describe()).isEqualTo("任何总分");
    }

    @Test
    void numbersAreWrittenAsTheNoticeWritesThem() {
        assertThat(new GradeBand("优", d("92.50"), null, "").describe()).isEqualTo("92.5分（含）以上");
    }
}
