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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.marginlab.loss.HeadParam;
import org.marginlab.loss.HeadType;
import org.marginlab.model.heads.Head;

/**
 * The heads of {@link MarginHead} with their schedules (SphereFace λ annealing, CosFace/ArcFace
 * margin and scale warm-up) and the center-loss α-rule, as the training loop sees them. The head returns its
 * results outside any scope; they are put back into the caller's {@link NDScope} so that they are
 * freed with the iteration.
 */
public final class MarginTrainableHead implements TrainableHead {

    /** The factory the engine uses by default. */
    public static final HeadFactory FACTORY = MarginTrainableHead::new;

    /** The name of AdaCos's scale in {@link #state()}. */
    public static final String ADAPTIVE_SCALE = "adaptive_s";

    private final MarginHead block;
    private MarginSchedule schedule;
    private final double alpha;
    private final int classes;
    private final HeadType type;
    private HeadParams current;
    /** AdaCos's dynamic s: the previous step's scale, the one state a head carries between steps. */
    private double adaptiveScale;

    public MarginTrainableHead(TrainConfig config, int classes) {
        this.type = config.head().type();
        this.classes = classes;
        this.block = new MarginHead(config.head(), type.forClasses(config.headParams(), classes), classes, config.dim());
        this.schedule = schedule(config);
        this.alpha = config.centerAlpha();
        this.current = schedule.at(0);
        this.adaptiveScale = current.s();
    }

    private MarginSchedule schedule(TrainConfig config) {
        return config.marginSchedule().withBase(type.forClasses(config.headParams(), classes));
    }

    @Override
    public void retune(TrainConfig config) {
        schedule = schedule(config);
    }

    @Override
    public int subCenters() {
        return type.subCenters(current);
    }

    @Override
    public Map<String, Double> state() {
        return type.adaptsScale(current) ? Map.of(ADAPTIVE_SCALE, adaptiveScale) : Map.of();
    }

    @Override
    public void restore(Map<String, Double> state) {
        Double s = state.get(ADAPTIVE_SCALE);
        if (s != null && type.adaptsScale(current)) {
            adaptiveScale = s;
            current = current.withS(s);
        }
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public void setIteration(long iteration) {
        current = schedule.at(iteration);
        if (type.adaptsScale(current)) {
            current = current.withS(adaptiveScale);
        }
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x, NDArray labels, boolean training) {
        if (training && type.adaptsScale(current)) {
            // AdaCos: this batch's s from the previous one's, without gradient, before the logits use it
            NDArray w = ps.getValue(block.weight(), x.getDevice(), false);
            int[] y = labels.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
            adaptiveScale = type.nextScale(adaptiveScale, Head.cosineRows(x, w, subCenters()), y);
            current = current.withS(adaptiveScale);
        }
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
        StringBuilder b = new StringBuilder(type.id());
        List<String> parts = new ArrayList<>();
        for (HeadParam q : type.params()) {
            parts.add(q.name() + '=' + switch (q.kind()) {
                case NUMBER -> String.format(Locale.ROOT, "%.4g", current.value(q.name()));
                case FLAG -> String.valueOf(type.flagOn(current, q.name()));
                case TEXT -> type.text(current, q.name());
            });
        }
        if (!parts.isEmpty()) {
            b.append(" (").append(String.join(", ", parts)).append(')');
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
