package org.marginlab.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;
import org.marginlab.run.RunSummary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionControlTest {

    /** Latches on states, counts progress. */
    static final class Probe implements TrainingListener {
        final AtomicLong progress = new AtomicLong();
        volatile CountDownLatch paused = new CountDownLatch(1);
        volatile CountDownLatch stepped = new CountDownLatch(1);

        @Override
        public void onProgress(long iteration, long total, int epoch) {
            progress.set(iteration);
            stepped.countDown();
        }

        @Override
        public void onStateChanged(RunState state, String message) {
            if (state == RunState.PAUSED) {
                paused.countDown();
            }
        }
    }

    @Test
    void pauseStepResumeCancelEachWithinOneIteration() throws Exception {
        TrainingSession s = TrainingSession.create(TestData.small(100_000, 16), TestData.get(), TestData.SOFTMAX, null);
        Probe p = new Probe();
        // Pause from the training thread itself, at iteration 5: nothing more may run.
        s.addListener(new TrainingListener() {
            @Override
            public void onProgress(long iteration, long total, int epoch) {
                if (iteration == 5) {
                    s.pause();
                }
            }
        });
        s.addListener(p);
        s.start();
        assertTrue(p.paused.await(60, TimeUnit.SECONDS));
        Thread.sleep(300);
        assertEquals(5, s.iteration(), "pause requested during iteration 5 stops right after it");
        assertEquals(RunState.PAUSED, s.state());

        // A single step from another thread: exactly one iteration, still paused.
        p.stepped = new CountDownLatch(1);
        s.step();
        assertTrue(p.stepped.await(60, TimeUnit.SECONDS));
        Thread.sleep(300);
        assertEquals(6, s.iteration());
        assertEquals(RunState.PAUSED, s.state());

        // Resume, then pause from this thread: at most one more iteration after the request.
        p.paused = new CountDownLatch(1);
        p.stepped = new CountDownLatch(20);
        s.resume();
        assertTrue(p.stepped.await(60, TimeUnit.SECONDS));
        s.pause();
        long atRequest = s.iteration();
        assertTrue(p.paused.await(60, TimeUnit.SECONDS));
        long stoppedAt = s.iteration();
        assertTrue(stoppedAt <= atRequest + 1, "paused at " + stoppedAt + " after request at " + atRequest);
        Thread.sleep(300);
        assertEquals(stoppedAt, s.iteration());

        // Cancel while running.
        p.stepped = new CountDownLatch(5);
        s.resume();
        assertTrue(p.stepped.await(60, TimeUnit.SECONDS));
        s.cancel();
        long cancelAt = s.iteration();
        RunSummary sum = s.completion().get(60, TimeUnit.SECONDS);
        assertEquals(RunState.CANCELLED, s.state());
        assertEquals("cancelled", sum.state());
        assertTrue(s.iteration() <= cancelAt + 1, "cancelled at " + s.iteration() + " after request at " + cancelAt);
        s.resume();
        Thread.sleep(200);
        assertEquals(RunState.CANCELLED, s.state(), "a finished session ignores further requests");
    }

    /** Issue 13: the figures follow a Step; a paused run shows the model after each one, from iteration 0. */
    @Test
    void everyStepIsSnapshotted() throws Exception {
        TrainingSession s = TrainingSession.create(TestData.small(100, 16), TestData.get(), TestData.SOFTMAX, null);
        List<Long> snapshots = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        s.addListener(new TrainingListener() {
            @Override
            public void onIteration(IterationSnapshot snapshot) {
                snapshots.add(snapshot.iteration());
                three.countDown();
            }
        });
        s.step();
        s.step();
        assertTrue(three.await(60, TimeUnit.SECONDS));
        s.cancel();
        s.completion().get(60, TimeUnit.SECONDS);
        assertEquals(List.of(0L, 1L, 2L), snapshots, "snapshot every is 10, yet each Step shows its model");
    }

    @Test
    void cancelWhilePausedEndsTheRun() throws Exception {
        TrainingSession s = TrainingSession.create(TestData.small(100, 16), TestData.get(), TestData.SOFTMAX, null);
        Probe p = new Probe();
        s.addListener(p);
        s.step();
        assertTrue(p.stepped.await(60, TimeUnit.SECONDS));
        assertTrue(p.paused.await(60, TimeUnit.SECONDS));
        s.cancel();
        RunSummary sum = s.completion().get(60, TimeUnit.SECONDS);
        assertEquals("cancelled", sum.state());
        assertEquals(1, s.iteration());
        assertEquals(1, sum.iterations());
    }

    @Test
    void twoSessionsTakeTurnsOneIterationEach() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        TrainingSession a = TrainingSession.create(TestData.small(30, 16), TestData.get(), TestData.SOFTMAX, null);
        TrainingSession b = TrainingSession.create(TestData.small(30, 16), TestData.get(), TestData.SOFTMAX, null);
        a.addListener(new TrainingListener() {
            @Override
            public void onProgress(long iteration, long total, int epoch) {
                order.add("a");
            }
        });
        b.addListener(new TrainingListener() {
            @Override
            public void onProgress(long iteration, long total, int epoch) {
                order.add("b");
            }
        });
        a.step();
        b.step(); // both set up and paused at iteration 1
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (a.iteration() < 1 || b.iteration() < 1) {
            assertTrue(System.nanoTime() < deadline, "sessions never reached iteration 1: " + a.state() + " " + a.message());
            Thread.sleep(20);
        }
        order.clear();
        a.resume();
        b.resume();
        a.completion().get(60, TimeUnit.SECONDS);
        b.completion().get(60, TimeUnit.SECONDS);
        assertEquals(58, order.size());
        // After both are running, turns alternate strictly.
        for (int i = 2; i < order.size(); i++) {
            assertTrue(!order.get(i).equals(order.get(i - 1)), "turns at " + i + ": " + order);
        }
    }
}
