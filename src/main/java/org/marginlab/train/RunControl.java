package org.marginlab.train;

import java.util.function.Consumer;

import org.marginlab.run.RunState;

/**
 * A session's run control, apart from the DJL step so it can be tested alone: control calls from any
 * thread only record a request and queue one turn; each turn, on the training thread, {@link #take}s
 * what to do now, and {@link #turnDone} queues the next turn while there is more to do.
 */
final class RunControl {

    private enum Want { NONE, RUN, PAUSE }

    /**
     * What one turn does.
     *
     * @param cancel   end the run now
     * @param announce the state entered with this turn (RUNNING or PAUSED) to tell listeners, or null
     * @param work     run one iteration
     * @param stepping that iteration is a requested single step (the run stays paused after it)
     */
    record Turn(boolean cancel, RunState announce, boolean work, boolean stepping) {
    }

    private final Object lock = new Object();
    private final Consumer<Runnable> queue;
    private final Runnable turn;
    private Want want = Want.NONE;
    private int stepsRequested;
    private boolean cancelRequested;
    private boolean scheduled;
    private volatile RunState state = RunState.READY;

    /**
     * @param queue where turns are queued (the training thread)
     * @param turn  one turn: calls {@link #take}, does it, then {@link #turnDone}
     */
    RunControl(Consumer<Runnable> queue, Runnable turn) {
        this.queue = queue;
        this.turn = turn;
    }

    RunState state() {
        return state;
    }

    void start() {
        request(Want.RUN, 0, false);
    }

    void pause() {
        request(Want.PAUSE, 0, false);
    }

    /** Exactly one iteration, then paused (pauses first when running). */
    void step() {
        request(Want.PAUSE, 1, false);
    }

    void cancel() {
        request(Want.NONE, 0, true);
    }

    private void request(Want w, int steps, boolean cancel) {
        synchronized (lock) {
            if (isTerminal(state)) {
                return;
            }
            if (w != Want.NONE) {
                want = w;
            }
            stepsRequested += steps;
            cancelRequested |= cancel;
            scheduleLocked();
        }
    }

    private void scheduleLocked() {
        if (!scheduled) {
            scheduled = true;
            queue.accept(turn);
        }
    }

    private static boolean isTerminal(RunState s) {
        return s == RunState.FINISHED || s == RunState.CANCELLED || s == RunState.FAILED;
    }

    /** What this turn does; null once the run has ended. A pending cancel wins over queued steps. */
    Turn take() {
        synchronized (lock) {
            scheduled = false;
            if (isTerminal(state)) {
                return null;
            }
            boolean cancel = cancelRequested;
            RunState announce = null;
            if (!cancel) {
                if (want == Want.RUN && state != RunState.RUNNING) {
                    announce = RunState.RUNNING;
                } else if (want == Want.PAUSE && state != RunState.PAUSED) {
                    announce = RunState.PAUSED;
                }
                if (announce != null) {
                    state = announce;
                }
            }
            boolean work = !cancel && (state == RunState.RUNNING || stepsRequested > 0);
            boolean stepping = work && state != RunState.RUNNING;
            if (stepping) {
                stepsRequested--;
            }
            return new Turn(cancel, announce, work, stepping);
        }
    }

    /** After a turn that did not end the run: queues the next one if there is more to do. */
    void turnDone() {
        synchronized (lock) {
            if (state == RunState.RUNNING || stepsRequested > 0 || cancelRequested || want == Want.RUN) {
                scheduleLocked();
            }
        }
    }

    /** The run ended (finished, cancelled or failed); later requests are ignored. */
    void end(RunState end) {
        synchronized (lock) {
            state = end;
        }
    }
}
