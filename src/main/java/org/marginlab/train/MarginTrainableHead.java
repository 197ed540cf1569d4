package org.marginlab.train;

import org.marginlab.config.TrainConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadParams;
import org.marginlab.loss.MarginSchedule;
import org.marginlab.model.heads.MarginHead;

import java.util.Locale;

/**
 * The eight heads of {@link MarginHead} with their schedules (SphereFace λ annealing, CosFace/ArcFace
 * margin and scale warm-up) and the center-loss α-rule, as the training loop sees them. The head returns its
 * results outside any scope; they are put back into the caller's {@link NDScope} so that they are
 * freed with the iteration.
 */
public final class MarginTrainableHead implements TrainableHead {

    /** The factory the engine uses by default. */
    public static final HeadFactory FACTORY = MarginTrainableHead::new;

    private final MarginHead block;
    private MarginSchedule schedule;
    private final double alpha;
    private HeadParams current;

    public MarginTrainableHead(TrainConfig config, int classes) {
        this.block = new MarginHead(config.head(), config.headParams(), classes, config.dim());
        this.schedule = schedule(config);
        this.alpha = config.centerAlpha();
        this.current = schedule.at(0);
    }

    private static MarginSchedule schedule(TrainConfig config) {
        return new MarginSchedule(config.head(), config.headParams(), config.lambdaMin(),
                config.lambdaGammaInForce(), config.lambdaPower(), config.marginWarmup());
    }

    @Override
    public void retune(TrainConfig config) {
        schedule = schedule(config);
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public void setIteration(long iteration) {
        current = schedule.at(iteration);
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x, NDArray labels, boolean training) {
        return scoped(block.loss(ps, x, labels, current, training));
    }

    @Override
    public NDArray lossWith(NDArray x, NDArray labels, NDArray weights, NDArray centres) {
        return block.head().loss(x, weights, labels, centres, current);
    }

    @Override
    public NDArray logits(ParameterStore ps, NDArray x, NDArray labels, boolean training) {
        return scoped(block.logits(ps, x, labels, current, training));
    }

    @Override
    public NDArray predictLogits(ParameterStore ps, NDArray x) {
        return scoped(block.forward(ps, new NDList(x), false).singletonOrThrow());
    }

    @Override
    public void afterStep(NDArray x, NDArray labels) {
        if (block.centers() != null) {
            try (NDScope scope = new NDScope()) {
                block.updateCenters(new ParameterStore(x.getManager(), false), x, labels, alpha);
                scope.suppressNotUsedWarning();
            }
        }
    }

    @Override
    public HeadFunctions functions() {
        return block.head().functions(current);
    }

    @Override
    public HeadParams params() {
        return current;
    }

    @Override
    public float[][] weights() {
        return rows(block.weight());
    }

    @Override
    public float[][] centers() {
        return block.centers() == null ? null : rows(block.centers());
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder(block.head().kind().id());
        var used = HeadParams.usedBy(block.head().kind());
        if (!used.isEmpty()) {
            b.append(" (");
            for (int i = 0; i < used.size(); i++) {
                String n = used.get(i);
                b.append(i > 0 ? ", " : "").append(n).append('=').append(switch (n) {
                    case "s" -> String.format(Locale.ROOT, "%.4g", current.s());
                    case "m" -> String.format(Locale.ROOT, "%.4g", current.m());
                    case "lambda" -> String.format(Locale.ROOT, "%.4g", current.lambda());
                    default -> String.valueOf(current.easyMargin());
                });
            }
            b.append(')');
        }
        return b.toString();
    }

    private static NDArray scoped(NDArray a) {
        NDScope.register(a);
        return a;
    }

    private static float[][] rows(Parameter p) {
        NDArray w = p.getArray();
        int c = (int) w.getShape().get(0);
        int d = (int) w.getShape().get(1);
        float[] flat = w.toFloatArray(); // the engine initialises heads in float32
        float[][] out = new float[c][d];
        for (int j = 0; j < c; j++) {
            System.arraycopy(flat, j * d, out[j], 0, d);
        }
        return out;
    }
}
