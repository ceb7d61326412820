package dev.portcullis.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a command reads and writes: standard input, standard output (results only, so they can be piped)
 * and standard error (problems, one line each). Tests pass their own streams to run commands in-process.
 */
public record Terminal(InputStream in, PrintWriter out, PrintWriter err) {

    public Terminal {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** The process's streams, written as UTF-8 whatever the platform's default charset. */
    public static Terminal system() {
        return of(System.in, System.out, System.err);
    }

    public static Terminal of(InputStream in, PrintStream out, PrintStream err) {
        return new Terminal(in, utf8(out), utf8(err));
    }

    /**
     * One line on standard error. Standard output is flushed first, so that when both streams go to one
     * pipe or terminal a problem never lands in the middle of a result line.
     */
    public void problem(String line) {
        out.flush();
        err.println(OneLine.of(line));
        err.flush();
    }

    private static PrintWriter utf8(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
