package org.marginlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code marginlab ARGS} in this JVM, as the launcher would: {exit code, stdout, stderr}. */
final class CliRun {

    private CliRun() {
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
