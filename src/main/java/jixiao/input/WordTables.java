package jixiao.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A Word report as the rows a person reads: each paragraph a row of one cell, each table row a row of cells, in
 * document order. A cell merged across columns (gridSpan) fills every column it spans; a cell merged down (vMerge)
 * repeats the value of the cell where the merge starts — the same view {@link Grid} gives of a merged sheet.
 *
 * <p>The document's XML is read as a stream, once, and reading stops as soon as the document passes the row limit:
 * the time is linear in the document's size, and a small file of empty rows is refused at once (a document model
 * of it, as POI builds one, took minutes: its row lists are walked from the start for every row).
 */
final class WordTables {

    private static final String MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    /** The document's XML, uncompressed, is refused past this size (a compressed bomb stops here). */
    static final int MAX_XML_BYTES = 64 * 1024 * 1024;

    private WordTables() {
    }

    static Grid grid(byte[] docx, String name) {
        byte[] xml = documentXml(docx);
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader x = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                return new Reader(x, name).read();
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            throw new Grid.Unreadable("the Word document's text (word/document.xml) is not well-formed XML: "
                    + e.getMessage());
        }
    }

    /** The bytes of word/document.xml, read at most to {@link #MAX_XML_BYTES}. */
    private static byte[] documentXml(byte[] docx) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals("word/document.xml")) {
                    return readAtMost(zip);
                }
            }
        } catch (IOException e) {
            throw new Grid.Unreadable("cannot be read as a Word .docx document: " + e.getMessage());
        }
        throw new Grid.Unreadable("cannot be read as a Word .docx document: it has no word/document.xml");
    }

    private static byte[] readAtMost(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_XML_BYTES) {
                throw new Grid.Unreadable("the Word document's text is more than " + MAX_XML_BYTES + " bytes "
                        + "uncompressed; a self-evaluation is far smaller");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** One pass over the document's body. */
    private static final class Reader {
        private final XMLStreamReader x;
        private final String name;
        private final List<List<String>> rows = new ArrayList<>();
        private final List<String> origins = new ArrayList<>();

        Reader(XMLStreamReader x, String name) {
            this.x = x;
            this.name = name;
        }

        Grid read() throws XMLStreamException {
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && is("body")) {
                    body();
                    break;
                }
            }
            return new Grid(name, rows, origins);
        }

        private void body() throws XMLStreamException {
            int paragraph = 0;
            int tableNo = 0;
            while (nextChild()) {
                if (is("p")) {
                    paragraph++;
                    String text = paragraphText().strip();
                    if (!text.isEmpty()) {
                        add(new ArrayList<>(List.of(text)), "第" + paragraph + "段");
                    }
                } else if (is("tbl")) {
                    tableNo++;
                    table(tableNo);
                } else {
                    skip();
                }
            }
        }

        private void table(int tableNo) throws XMLStreamException {
            List<String> above = null;
            int r = 0;
            while (nextChild()) {
                if (!is("tr")) {
                    skip();
                    continue;
                }
                r++;
                List<String> cells = new ArrayList<>();
                while (nextChild()) {
                    if (is("tc")) {
                        cell(cells, above);
                    } else {
                        skip();
                    }
                }
                add(cells, "表" + tableNo + "第" + r + "行");
                above = cells;
            }
        }

        /** A cell: its properties (span, merge), then its own paragraphs' text (a table nested in it is not read). */
        private void cell(List<String> cells, List<String> above) throws XMLStreamException {
            int span = 1;
            boolean continued = false;
            StringBuilder text = new StringBuilder();
            while (nextChild()) {
                if (is("tcPr")) {
                    while (nextChild()) {
                        if (is("gridSpan")) {
                            span = spanOf(attribute("val"));
                        } else if (is("vMerge")) {
                            String v = attribute("val");
                            continued = v == null || v.equals("continue");
                        }
                        skip();
                    }
                } else if (is("p")) {
                    text.append(paragraphText());
                } else {
                    skip();
                }
            }
            int col = cells.size();
            String v = continued ? (above != null && col < above.size() ? above.get(col) : "") : text.toString().strip();
            for (int k = 0; k < Math.max(1, Math.min(span, Grid.MAX_COLUMNS)); k++) {
                cells.add(v);
            }
        }

        private static int spanOf(String val) {
            try {
                return val == null ? 1 : Integer.parseInt(val.strip());
            } catch (NumberFormatException e) {
                return 1;
            }
        }

        /** A paragraph's text as Word shows it: its runs' text, tabs and line breaks; text boxes left out. */
        private String paragraphText() throws XMLStreamException {
            StringBuilder sb = new StringBuilder();
            int depth = 1;
            while (depth > 0) {
                int e = x.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    if (is("t")) {
                        sb.append(x.getElementText());
                    } else if (is("tab")) {
                        sb.append('\t');
                        depth++;
                    } else if (is("br") || is("cr")) {
                        sb.append('\n');
                        depth++;
                    } else if (is("txbxContent") || is("pPr") || is("rPr")) {
                        skip(); // a text box's own paragraphs; properties (pPr's tab stops are no tabs)
                    } else {
                        depth++;
                    }
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            return sb.toString();
        }

        private void add(List<String> cells, String origin) {
            rows.add(cells);
            origins.add(origin);
            Grid.checkSize(rows.size());
        }

        /** Moves to the next child element of the current one: true at its start, false at the parent's end. */
        private boolean nextChild() throws XMLStreamException {
            while (true) {
                int e = x.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    return true;
                }
                if (e == XMLStreamConstants.END_ELEMENT) {
                    return false;
                }
            }
        }

        /** Skips the element whose start the reader is at, to its end. */
        private void skip() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int e = x.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }

        private boolean is(String local) {
            String ns = x.getNamespaceURI();
            return local.equals(x.getLocalName()) && (MAIN.equals(ns) || STRICT.equals(ns));
        }

        private String attribute(String local) {
            String v = x.getAttributeValue(MAIN, local);
            return v != null ? v : x.getAttributeValue(STRICT, local);
        }
    }
}
