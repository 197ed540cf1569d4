package org.marginlab.train;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import org.marginlab.run.RunState;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window loads DJL on its own threads; training must still work on the training thread. */
class EngineThreadTest {

    @Test
    void trainsWhenTheEngineWasLoadedOnAnotherThread() throws Exception {
        Engine.getInstance(); // load (and set grad mode) on this thread, not the training thread
        TrainingSession s = TrainingSession.create(TestData.small(3, 8), TestData.get(), TestData.SOFTMAX, null);
        s.start();
        s.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, s.state(), s.message());
    }

    /** The window's Run → PyTorch threads acts on the training thread, where the operations run. */
    @Test
    void threadsAreSetOnTheTrainingThread() throws Exception {
        try {
            TrainingThread.setThreads(2);
            assertEquals(2, onTrainingThread());
            TrainingThread.setThreads(1);
            assertEquals(1, onTrainingThread());
        } finally {
            TrainingThread.setThreads(1); // the test JVM's setting (surefire)
        }
        assertEquals("threads must be an integer in [1, 1024] (got 0)",
                org.junit.jupiter.api.Assertions.assertThrows(org.marginlab.UserException.class,
                        () -> TrainingThread.setThreads(0)).getMessage());
    }

    private static int onTrainingThread() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> n = new java.util.concurrent.CompletableFuture<>();
        TrainingThread.submit(() -> n.complete(ai.djl.pytorch.jni.JniUtils.getNumThreads()));
        return n.get(60, TimeUnit.SECONDS);
    }
}
