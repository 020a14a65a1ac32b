package jixiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jixiao.model.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTest {

    @ParameterizedTest(name = "{0} → ({1}, {2}, {3})")
    @CsvSource(delimiter = '|', value = {
        "≥95%       | ≥ | 95     | %",
        "≤15%       | ≤ | 15     | %",
        "=100%      | = | 100    | %",
        "≥2个       | ≥ | 2      | 个",
        ">=95 %     | ≥ | 95     | %",
        "<= 15%     | ≤ | 15     | %",
        "≥ 95 %     | ≥ | 95     | %",
        "100%       |   | 100    | %",
        "102.27%    |   | 102.27 | %",
        "0          |   | 0      | ''",
        "-10%       |   | -10    | %",
        "６个       |   | 6      | 个",
        "１０２．２７％ |   | 102.27 | %",
        "＞90%      | > | 90     | %",
        "<5         | < | 5      | ''",
        "100000余人次 |  | 100000 | 余人次",
    })
    void readsComparatorNumberAndUnit(String text, String comparator, String number, String unit) {
        Value v = Value.parse(text);
        assertThat(v.comparator()).isEqualTo(comparator == null ? "" : comparator);
        assertThat(v.number()).isEqualByComparingTo(number);
        assertThat(v.unit()).isEqualTo(unit == null ? "" : unit);
        assertThat(v.isNumeric()).isTrue();
        assertThat(v.text()).isEqualTo(text.strip());
    }

    @ParameterizedTest
    @CsvSource({"科学", "比较健全", "按时公开", "是"})
    void wordsAreQualitative(String text) {
        Value v = Value.parse(text);
        assertThat(v.isNumeric()).isFalse();
        assertThat(v.comparator()).isEmpty();
        assertThat(v.text()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"≥ | a number was expected after '≥'", "≥高 | a number was expected",
        "'  ' | empty"})
    void refusesWhatItCannotRead(String text, String message) {
        assertThatThrownBy(() -> Value.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
