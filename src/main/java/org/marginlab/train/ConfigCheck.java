package org.marginlab.train;

import org.marginlab.UserException;
import org.marginlab.data.FashionMnist;
import org.marginlab.model.backbones.Backbones;
import org.marginlab.model.heads.HeadKind;

import java.util.List;

/** Range checks of a {@link TrainConfig}; each failure is one line naming the flag and its range. */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    public static TrainConfig validate(TrainConfig c) {
        if (!Backbones.IDS.contains(c.backbone())) {
            fail("--backbone", "one of " + String.join(", ", Backbones.IDS), c.backbone());
        }
        intRange("--dim", c.dim(), 2, 512);
        if (c.head() == null) {
            fail("--head", "one of " + HeadKind.ids(), "nothing");
        }
        double s = c.headParams().s();
        double m = c.headParams().m();
        if (!(s > 0 && s <= 1000)) {
            fail("--s", "a number in (0, 1000]", s);
        }
        switch (c.head()) {
            case COSFACE -> range("--m", m, 0, 1, "a number in [0, 1)", m >= 0 && m < 1);
            case ARCFACE -> range("--m", m, 0, Math.PI / 2, "a number of radians in [0, π/2]", m >= 0 && m <= Math.PI / 2);
            case SPHEREFACE, LSOFTMAX -> range("--m", m, 1, 8, "an integer in [1, 8]", m >= 1 && m <= 8 && m == Math.rint(m));
            default -> {
            }
        }
        double lambda = c.headParams().lambda();
        if (!(lambda >= 0 && lambda <= 1e6)) {
            fail("--lambda", "a number in [0, 1e6]", lambda);
        }
        if (!(c.lambdaMin() >= 0 && c.lambdaGamma() >= 0 && c.lambdaPower() >= 0)) {
            fail("--lambda-min/--lambda-gamma/--lambda-power", "numbers ≥ 0",
                    c.lambdaMin() + "/" + c.lambdaGamma() + "/" + c.lambdaPower());
        }
        if (c.marginWarmup() != TrainConfig.AUTO_WARMUP) {
            intRange("--margin-warmup", c.marginWarmup(), 0, Integer.MAX_VALUE);
        }
        if (!(c.centerAlpha() > 0 && c.centerAlpha() <= 1)) {
            fail("--center-alpha", "a number in (0, 1]", c.centerAlpha());
        }
        if (!ParameterOptimizer.IDS.contains(c.optimizer())) {
            fail("--optimizer", "one of " + String.join(", ", ParameterOptimizer.IDS), c.optimizer());
        }
        if (!(c.learningRate() > 0 && c.learningRate() <= 1e4)) {
            fail("--lr", "a number in (0, 1e4]", c.learningRate());
        }
        if (!LrSchedule.IDS.contains(c.schedule())) {
            fail("--schedule", "one of " + String.join(", ", LrSchedule.IDS), c.schedule());
        }
        if (!(c.weightDecay() >= 0 && c.weightDecay() < 1)) {
            fail("--weight-decay", "a number in [0, 1)", c.weightDecay());
        }
        if (!(c.momentum() >= 0 && c.momentum() < 1)) {
            fail("--momentum", "a number in [0, 1)", c.momentum());
        }
        intRange("--batch", c.batchSize(), 1, 4096);
        intRange("--epochs", c.epochs(), 1, 10_000);
        if (c.iterations() < 0) {
            fail("--iterations", "an integer ≥ 0 (0 = whole epochs)", c.iterations());
        }
        DeviceChoice.parse(c.device());
        intRange("--probe-per-class", c.probePerClass(), 1, 1000);
        intRange("--snapshot-every", c.snapshotEvery(), 1, Integer.MAX_VALUE);
        holdout(c.holdoutClasses());
        return c;
    }

    private static void holdout(List<Integer> ids) {
        int classes = FashionMnist.CLASS_NAMES.size();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) < 0 || ids.get(i) >= classes || (i > 0 && ids.get(i).equals(ids.get(i - 1)))) {
                fail("--holdout-classes", "distinct class ids 0–" + (classes - 1) + ", e.g. 8,9", ids);
            }
        }
        if (classes - ids.size() < 2) {
            fail("--holdout-classes", "at most " + (classes - 2) + " class ids (training needs two classes)", ids);
        }
    }

    private static void intRange(String flag, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            fail(flag, hi == Integer.MAX_VALUE ? "an integer ≥ " + lo : "an integer in [" + lo + ", " + hi + "]", v);
        }
    }

    private static void range(String flag, double v, double lo, double hi, String text, boolean ok) {
        if (!ok) {
            fail(flag, text, v);
        }
    }

    static void fail(String flag, String allowed, Object got) {
        throw new UserException(flag + " must be " + allowed + " (got " + got + ")");
    }
}
