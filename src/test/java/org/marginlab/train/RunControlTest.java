package org.marginlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.run.RunState;

/** The run control's decisions turn by turn, driven by hand: no DJL, no training thread. */
class RunControlTest {

    private final List<Runnable> queued = new ArrayList<>();
    private final RunControl c = new RunControl(queued::add, () -> { });

    private static RunControl.Turn turn(RunState announce, boolean work, boolean stepping) {
        return new RunControl.Turn(false, announce, work, stepping);
    }

    @Test
    void startRunsEveryTurnUntilPausedWithOneTurnQueuedAtATime() {
        c.start();
        c.start();
        assertEquals(1, queued.size(), "a second request does not queue a second turn");
        assertEquals(turn(RunState.RUNNING, true, false), c.take());
        c.turnDone();
        assertEquals(2, queued.size(), "running: the next turn is queued");
        assertEquals(turn(null, true, false), c.take());
        c.pause(); // from inside the turn: queues the turn that pauses...
        c.turnDone(); // ...and the end of this turn adds none
        assertEquals(3, queued.size());
        assertEquals(turn(RunState.PAUSED, false, false), c.take());
        c.turnDone();
        assertEquals(3, queued.size(), "paused: nothing more is queued");
        assertEquals(RunState.PAUSED, c.state());
    }

    @Test
    void eachStepIsExactlyOneIterationAndTheRunStaysPaused() {
        c.step();
        assertEquals(turn(RunState.PAUSED, true, true), c.take(), "a step from READY pauses and runs one iteration");
        c.turnDone();
        assertEquals(1, queued.size());
        c.step();
        c.step();
        assertEquals(2, queued.size());
        assertEquals(turn(null, true, true), c.take());
        c.turnDone();
        assertEquals(3, queued.size(), "the second step still waits");
        assertEquals(turn(null, true, true), c.take());
        c.turnDone();
        assertEquals(3, queued.size());
        assertEquals(turn(null, false, false), c.take(), "no step left: a stray turn does nothing");
    }

    @Test
    void stepWhileRunningPausesFirst() {
        c.start();
        c.take();
        c.step();
        assertEquals(turn(RunState.PAUSED, true, true), c.take());
        assertEquals(RunState.PAUSED, c.state());
    }

    @Test
    void cancelWinsOverQueuedStepsAndAnEndedRunIgnoresRequests() {
        c.step();
        c.step();
        c.cancel();
        assertEquals(new RunControl.Turn(true, null, false, false), c.take());
        c.end(RunState.CANCELLED);
        int before = queued.size();
        c.start();
        c.step();
        assertEquals(before, queued.size(), "nothing is queued after the end");
        assertNull(c.take());
        assertEquals(RunState.CANCELLED, c.state());
    }
}
