package jixiao.input;

import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/**
 * A Word report as the rows a person reads: each paragraph a row of one cell, each table row a row of cells, in
 * document order. A cell merged across columns (gridSpan) fills every column it spans; a cell merged down (vMerge)
 * repeats the value of the cell where the merge starts — the same view {@link Grid} gives of a merged sheet.
 */
final class WordTables {

    private WordTables() {
    }

    static Grid grid(XWPFDocument doc, String name) {
        List<List<String>> rows = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        int paragraph = 0;
        int tableNo = 0;
        for (IBodyElement e : doc.getBodyElements()) {
            if (e instanceof XWPFParagraph p) {
                paragraph++;
                String text = p.getText().strip();
                if (!text.isEmpty()) {
                    rows.add(new ArrayList<>(List.of(text)));
                    origins.add("第" + paragraph + "段");
                }
            } else if (e instanceof XWPFTable t) {
                tableNo++;
                List<String> above = null;
                int r = 0;
                for (XWPFTableRow row : t.getRows()) {
                    r++;
                    List<String> cells = new ArrayList<>();
                    for (XWPFTableCell cell : row.getTableCells()) {
                        CTTcPr pr = cell.getCTTc().getTcPr();
                        int span = pr != null && pr.isSetGridSpan() ? pr.getGridSpan().getVal().intValue() : 1;
                        boolean continued = pr != null && pr.isSetVMerge()
                                && (pr.getVMerge().getVal() == null || pr.getVMerge().getVal() == STMerge.CONTINUE);
                        int col = cells.size();
                        String v = continued ? (above != null && col < above.size() ? above.get(col) : "")
                                : cell.getText().strip();
                        for (int k = 0; k < Math.max(1, Math.min(span, Grid.MAX_COLUMNS)); k++) {
                            cells.add(v);
                        }
                    }
                    rows.add(cells);
                    origins.add("表" + tableNo + "第" + r + "行");
                    above = cells;
                    Grid.checkSize(rows.size());
                }
            }
            Grid.checkSize(rows.size());
        }
        return new Grid(name, rows, origins);
    }
}
