package jixiao.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import jixiao.input.InputException;

/**
 * Request bodies read within their bounds, and error answers. A body's size is checked against its route's bound
 * before a byte of it is read (its Content-Length), and again while it is read (a body sent in chunks): a body too
 * large is a 413 and is never held whole.
 */
final class Bodies {

    static final String JSON = "application/json; charset=utf-8";
    static final String NDJSON = "application/x-ndjson; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Bodies() {
    }

    /** A body that says it is larger than {@code max}: refused (413) before it is read. */
    static void checkLength(Context ctx, long max, String what) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw new HttpResponseException(413, what + " may be at most " + max + " bytes; this one is " + declared);
        }
    }

    /** The whole body, at most {@code max} bytes (413 past that). */
    static byte[] readAtMost(Context ctx, long max, String what) throws IOException {
        checkLength(ctx, max, what);
        return readAtMost(ctx.bodyInputStream(), max, what);
    }

    static byte[] readAtMost(InputStream in, long max, String what) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw new HttpResponseException(413, what + " may be at most " + max + " bytes");
        }
        return bytes;
    }

    /** The body as a stream that fails once more than {@code max} bytes have come (for bodies read as they arrive). */
    static InputStream bounded(Context ctx, long max, String what) throws IOException {
        checkLength(ctx, max, what);
        return new FilterInputStream(ctx.bodyInputStream()) {
            private long seen;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                count(Math.max(0, n));
                return n;
            }

            private void count(int n) throws IOException {
                seen += n;
                if (seen > max) {
                    throw new TooLarge(what + " may be at most " + max + " bytes");
                }
            }
        };
    }

    /** A body that went past its bound while it was read. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** The error as JSON: status, message, and for a submission that cannot be read, where and what. */
    static void error(Context ctx, int status, String message, InputException e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("status", status);
        o.put("error", message);
        if (e != null) {
            o.put("detail", e.getMessage());
            o.put("jsonPath", e.getJsonPath());
            if (e.getLine() > 0) {
                o.put("line", e.getLine());
            }
            o.put("problem", e.getProblem());
        }
        ctx.status(status).contentType(JSON).result(o.toPrettyString());
    }
}
