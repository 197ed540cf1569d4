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
}
