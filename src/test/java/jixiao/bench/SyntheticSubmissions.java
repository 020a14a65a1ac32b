package jixiao.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bench's synthetic submissions, for tests in other packages. */
public final class SyntheticSubmissions {

    private SyntheticSubmissions() {
    }

    /** The first {@code count} submissions made from {@code template}, split to {@code indicators} (0: as it is). */
    public static List<String> of(Path template, int indicators, int count) throws IOException {
        Synthetic gen = new Synthetic(Synthetic.read(template), indicators);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(gen.json(i));
        }
        return out;
    }
}
