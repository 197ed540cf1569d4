package org.marginlab.train;

import org.marginlab.config.DeviceSpec;
import org.marginlab.config.TrainConfig;
import ai.djl.Device;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Whether a device really trains: one full iteration (batch gathering, forward, backward, optimizer step,
 * snapshot) of the compact backbone with the ArcFace head on a few random images. Listing a GPU proves
 * little; a JNI built for another libtorch, for instance, fails only at the first step.
 */
public final class DeviceTrial {

    /** What {@link #run} answers when the step succeeded. */
    public static final String TRAINS = "trains";
    private static final int IMAGES = 20;
    private static final int SIDE = 28;

    private DeviceTrial() {
    }

    /** {@link #TRAINS}, or one line saying why not. */
    public static String run(Device device) {
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] px = new byte[IMAGES * SIDE * SIDE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rnd.nextInt(256);
        }
        byte[] labels = new byte[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = (byte) (i % 10);
        }
        TrainingData data = TrainingData.of(px, labels, IMAGES, px, labels, IMAGES, SIDE, SIDE);
        TrainConfig c = TrainConfig.defaults(HeadKind.ARC).toBuilder().dim(2).marginWarmup(0).learningRate(1e-3)
                .batchSize(10).iterations(1).seed(1).device(DeviceSpec.parse(DeviceChoice.name(device)))
                .probePerClass(1).snapshotEvery(1).build();
        TrainingSession s = TrainingSession.create(c, data, MarginTrainableHead.FACTORY, null);
        s.start();
        try {
            s.completion().get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            return "no answer: " + firstLine(String.valueOf(e));
        }
        return s.state() == RunState.FINISHED ? TRAINS : firstLine(s.message());
    }

    /** PyTorch's errors carry a C++ backtrace after the first line. */
    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
