package org.marginlab.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a headless run: the first asks the run to stop at the next iteration,
 * which writes its checkpoint and summary.json; a second Ctrl-C quits at once (every file is still readable:
 * they are appended record by record or replaced atomically). Uses {@code sun.misc.Signal}, the JDK's one
 * way to handle a signal instead of starting the shutdown.
 */
final class StopSignals implements AutoCloseable {

    private final SignalHandler oldInt;
    private final SignalHandler oldTerm;

    private StopSignals(SignalHandler oldInt, SignalHandler oldTerm) {
        this.oldInt = oldInt;
        this.oldTerm = oldTerm;
    }

    /** Until {@link #close}, a first signal runs {@code stop} and says so on {@code err}; a second exits (code 130). */
    static StopSignals install(Runnable stop, PrintWriter err) {
        return install(stop, err, "--resume continues from its last checkpoint");
    }

    /** {@link #install(Runnable, PrintWriter)} whose quit-at-once line ends with {@code howToContinue}. */
    static StopSignals install(Runnable stop, PrintWriter err, String howToContinue) {
        AtomicInteger seen = new AtomicInteger();
        SignalHandler h = sig -> {
            if (seen.incrementAndGet() == 1) {
                err.println();
                err.println("marginlab: stopping at the next iteration (writing the checkpoint and summary.json); "
                        + "press Ctrl-C again to quit at once");
                err.flush();
                stop.run();
            } else {
                err.println();
                err.println("marginlab: quit at once; the run's files are readable, and " + howToContinue);
                err.flush();
                Runtime.getRuntime().halt(130);
            }
        };
        SignalHandler oldInt = handle("INT", h);
        SignalHandler oldTerm = handle("TERM", h);
        return new StopSignals(oldInt, oldTerm);
    }

    private static SignalHandler handle(String name, SignalHandler h) {
        try {
            return Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException e) {
            return null; // the JVM keeps this signal for itself (-Xrs): its default stays
        }
    }

    @Override
    public void close() {
        if (oldInt != null) {
            Signal.handle(new Signal("INT"), oldInt);
        }
        if (oldTerm != null) {
            Signal.handle(new Signal("TERM"), oldTerm);
        }
    }
}
