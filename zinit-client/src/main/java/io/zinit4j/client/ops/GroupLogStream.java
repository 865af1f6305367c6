package io.zinit4j.client.ops;

import io.zinit4j.client.LogStream;
import io.zinit4j.model.LogLine;
import java.util.function.Predicate;

/** The lines of one log stream that pass a test: the group's members' lines out of zinit's whole log. */
final class GroupLogStream implements LogStream {
    private final LogStream all;
    private final Predicate<LogLine> keep;

    GroupLogStream(LogStream all, Predicate<LogLine> keep) {
        this.all = all;
        this.keep = keep;
    }

    @Override
    public LogLine next() {
        for (LogLine line; (line = all.next()) != null; ) {
            if (keep.test(line)) {
                return line;
            }
        }
        return null;
    }

    @Override
    public void close() {
        all.close();
    }
}
