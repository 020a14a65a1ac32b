package jixiao.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A finding's level is one of four, heaviest first; a misspelt one is refused, never ranked as nothing. */
class SeverityTest {

    @Test
    void theFourLevelsWithTheirWordsHeaviestFirst() {
        assertThat(Severity.codes()).containsExactly("reject", "error", "warning", "info");
        assertThat(Severity.of("reject").word()).isEqualTo("退回");
        assertThat(Severity.of("error").word()).isEqualTo("错误");
        assertThat(Severity.of("warning").word()).isEqualTo("提示");
        assertThat(Severity.of("info").word()).isEqualTo("说明");
        assertThat(Severity.REJECT.compareTo(Severity.INFO)).isNegative();
    }

    @Test
    void aMisspeltLevelIsRefusedWhereverAFindingOrALevelIsMade() {
        assertThatThrownBy(() -> Severity.of("Reject")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reject, error, warning, info").hasMessageContaining("\"Reject\"");
        assertThatThrownBy(() -> new Finding("warn", "X", null, "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FindingLevel("X", "")).isInstanceOf(IllegalArgumentException.class);
        Finding f = new Finding("error", "X", null, "m");
        f.setSeverity("reject");
        assertThat(f.severity()).isEqualTo(Severity.REJECT);
        assertThat(f.getSeverity()).isEqualTo("reject");
        assertThatThrownBy(() -> f.setSeverity("fatal")).isInstanceOf(IllegalArgumentException.class);
    }
}
