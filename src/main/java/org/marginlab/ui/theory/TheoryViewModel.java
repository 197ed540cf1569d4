package org.marginlab.ui.theory;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * The theory tab's knobs: a head and its s, m, λ, plus the class count C of the s trade-off.
 * Choosing a head loads its default parameters; SphereFace's m snaps to whole numbers.
 */
public final class TheoryViewModel {

    // Properties
    private final ObjectProperty<HeadKind> head = new SimpleObjectProperty<>(HeadKind.COSFACE);
    private final DoubleProperty s = new SimpleDoubleProperty();
    private final DoubleProperty m = new SimpleDoubleProperty();
    private final DoubleProperty lambda = new SimpleDoubleProperty();
    private final IntegerProperty classCount = new SimpleIntegerProperty(10);
    private final ObjectBinding<HeadParams> params;

    public TheoryViewModel() {
        head.addListener((o, was, now) -> loadDefaults(now));
        loadDefaults(head.get());
        params = Bindings.createObjectBinding(() -> {
            HeadKind h = head.get();
            double mm = integerMargin(h) ? Math.max(1, Math.round(m.get())) : m.get();
            return new HeadParams(s.get(), mm, lambda.get(), false);
        }, head, s, m, lambda);
    }

    private void loadDefaults(HeadKind h) {
        HeadParams p = HeadParams.defaults(h);
        s.set(p.s());
        m.set(p.m());
        // SphereFace's default λ is the start of annealing (1000); the figures show its end, 5.
        lambda.set(integerMargin(h) ? 5 : p.lambda());
    }

    static boolean integerMargin(HeadKind h) {
        return h == HeadKind.SPHEREFACE || h == HeadKind.LSOFTMAX;
    }

    public ObjectProperty<HeadKind> headProperty() {
        return head;
    }

    public DoubleProperty sProperty() {
        return s;
    }

    public DoubleProperty mProperty() {
        return m;
    }

    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    public IntegerProperty classCountProperty() {
        return classCount;
    }

    /** The parameters the figures draw with. */
    public ObjectBinding<HeadParams> paramsProperty() {
        return params;
    }

    /** The largest sensible margin for the slider: an angle for ArcFace, a cosine for CosFace, a multiplier for ψ. */
    public static double maxMargin(HeadKind h) {
        return switch (h) {
            case ARCFACE -> 1.5;
            case COSFACE -> 1.0;
            case SPHEREFACE, LSOFTMAX -> 6;
            default -> 1.0;
        };
    }
}
