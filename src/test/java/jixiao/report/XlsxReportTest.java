package jixiao.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import jixiao.Fixtures;
import jixiao.engine.ScoreResult;
import jixiao.model.IndicatorScore;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A batch whose rows do not fit in one sheet (Excel stops at 1,048,576 rows: the 三级指标 sheet of about 35,000
 * submissions) goes on in more sheets with the same header, every row kept in order. The limit is lowered here so
 * that three copies of the seed are enough to cross it twice.
 */
class XlsxReportTest {

    @Test
    void aPartThatFillsItsSheetGoesOnInANewSheetWithTheSameHeaderAndNoRowIsLost() throws Exception {
        ScoreResult seed = Fixtures.score(Fixtures.SEED);
        int perSubmission = seed.indicators().size();
        int lastRow = 40; // 40 data rows a sheet under the header row
        assertThat(3 * perSubmission).as("three copies must need three sheets").isGreaterThan(2 * lastRow);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XlsxReport x = new XlsxReport(bytes, lastRow);
        for (int i = 0; i < 3; i++) {
            x.write(seed, null);
        }
        x.finish(List.of());

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("汇总", "一级指标", "三级指标", "三级指标 (2)", "三级指标 (3)", "复核提示");

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                for (IndicatorScore is : seed.indicators()) {
                    expected.add(is.getIndicator().name());
                }
            }
            Row header = wb.getSheet("三级指标").getRow(0);
            List<String> written = new ArrayList<>();
            for (String name : List.of("三级指标", "三级指标 (2)", "三级指标 (3)")) {
                Sheet s = wb.getSheet(name);
                assertThat(cells(s.getRow(0))).isEqualTo(cells(header));
                assertThat(s.getLastRowNum()).isLessThanOrEqualTo(lastRow);
                for (int r = 1; r <= s.getLastRowNum(); r++) {
                    written.add(s.getRow(r).getCell(3).getStringCellValue());
                }
            }
            assertThat(written).isEqualTo(expected);
            assertThat(wb.getSheet("三级指标").getLastRowNum()).isEqualTo(lastRow);
            assertThat(wb.getSheet("三级指标 (3)").getLastRowNum()).isEqualTo(3 * perSubmission - 2 * lastRow);
            assertThat(wb.getSheet("汇总").getLastRowNum()).isEqualTo(3);
        }
    }

    private static List<String> cells(Row r) {
        List<String> out = new ArrayList<>();
        r.forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }
}
