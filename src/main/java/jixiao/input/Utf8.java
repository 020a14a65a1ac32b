package jixiao.input;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding text files strictly: UTF-8 (a byte-order mark skipped), or, for tables, GBK as Excel saves it on Chinese
 * Windows. A file that mixes the two (one line pasted from elsewhere) is refused with the number of the line, never
 * decoded into silent garbage.
 */
final class Utf8 {

    private Utf8() {
    }

    /** Thrown with the 1-based line of the first byte that is not UTF-8. */
    static final class NotUtf8 extends Exception {
        final int line;

        NotUtf8(int line) {
            this(line, "line " + line + " is not UTF-8");
        }

        NotUtf8(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    static int bomLength(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    }

    /** The bytes from {@code start} as UTF-8, or the line where they stop being UTF-8. */
    static String decode(byte[] bytes, int start, int length) throws NotUtf8 {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, length);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, (long) length + 16));
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new NotUtf8(lineAt(bytes, start, in.position()));
        }
        d.flush(out);
        out.flip();
        return out.toString();
    }

    static int lineAt(byte[] bytes, int from, int offset) {
        int line = 1;
        for (int i = from; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * A table's text: UTF-8 when the whole file is UTF-8, GBK when no line of it is UTF-8 with Chinese in it;
     * otherwise the file mixes encodings, and the message names the odd line out.
     */
    static String decodeTable(byte[] bytes) throws NotUtf8 {
        int bom = bomLength(bytes);
        try {
            return decode(bytes, bom, bytes.length - bom);
        } catch (NotUtf8 e) {
            if (bom > 0) {
                throw new NotUtf8(e.line, "line " + e.line + " is not UTF-8, though the file starts as UTF-8 "
                        + "(perhaps a line in GBK was pasted in); save the whole file as UTF-8");
            }
            int utf8Line = firstUtf8LineWithNonAscii(bytes);
            if (utf8Line > 0) {
                int utf8Lines = 0;
                int otherLines = 0;
                int begin = 0;
                for (int i = 0; i <= bytes.length; i++) {
                    if (i == bytes.length || bytes[i] == '\n') {
                        int kind = kind(bytes, begin, i);
                        utf8Lines += kind == 1 ? 1 : 0;
                        otherLines += kind == 2 ? 1 : 0;
                        begin = i + 1;
                    }
                }
                if (utf8Lines >= otherLines) {
                    throw new NotUtf8(e.line, "line " + e.line + " is not UTF-8 (perhaps GBK) while the rest of "
                            + "the file is UTF-8; save the whole file in one encoding");
                }
                throw new NotUtf8(utf8Line, "line " + utf8Line + " is UTF-8 while the rest of the file is GBK; "
                        + "save the whole file in one encoding");
            }
            return new String(bytes, Charset.forName("GBK"));
        }
    }

    /** 0 ASCII only, 1 UTF-8 with non-ASCII, 2 not UTF-8. */
    private static int kind(byte[] bytes, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return 0;
        }
        try {
            decode(bytes, from, to - from);
            return 1;
        } catch (NotUtf8 e) {
            return 2;
        }
    }

    private static int firstUtf8LineWithNonAscii(byte[] bytes) {
        int line = 1;
        int begin = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (kind(bytes, begin, i) == 1) {
                    return line;
                }
                begin = i + 1;
                line++;
            }
        }
        return 0;
    }
}
