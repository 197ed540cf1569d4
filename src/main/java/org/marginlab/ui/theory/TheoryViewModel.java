package org.marginlab.ui.theory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.Observable;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;
import org.marginlab.loss.HeadParams;

/**
 * The theory tab's knobs: a head, one value per parameter its class declares (s, m, λ, m₁, k, …), the custom
 * head's ψ as typed, and the class count C of the s trade-off. Choosing a head loads its theory defaults, each
 * kept inside the span of the parameter's slider, so a slider always shows exactly the value drawn. A ψ that
 * does not parse, or is not finite on [0, π], is named in {@link #psiProblemProperty()} and the figures keep
 * the last good one. With {@link #followRunProperty()} on, {@link #follow} sets the head and values from the run.
 */
public final class TheoryViewModel {

    // Properties
    private final ObjectProperty<HeadKind> head = new SimpleObjectProperty<>(HeadKind.COSFACE);
    private final Map<String, DoubleProperty> values = new LinkedHashMap<>();
    private final StringProperty psi = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper psiProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper psiWarning = new ReadOnlyStringWrapper("");
    private final IntegerProperty classCount = new SimpleIntegerProperty(10);
    private final BooleanProperty followRun = new SimpleBooleanProperty(false);
    private final ObjectBinding<HeadParams> params;
    private String lastGoodPsi = "";

    public TheoryViewModel() {
        for (HeadKind h : HeadKind.values()) {
            for (HeadParam q : h.type().params()) {
                if (q.numeric()) {
                    values.computeIfAbsent(q.name(), n -> new SimpleDoubleProperty());
                }
            }
        }
        head.addListener((o, was, now) -> loadDefaults(now));
        loadDefaults(head.get());
        List<Observable> deps = new java.util.ArrayList<>(values.values());
        deps.add(head);
        deps.add(psi);
        params = Bindings.createObjectBinding(this::current, deps.toArray(Observable[]::new));
    }

    private HeadParams current() {
        HeadKind h = head.get();
        HeadParams p = h.type().theoryDefaults();
        for (HeadParam q : h.type().params()) {
            if (q.numeric()) {
                double v = values.get(q.name()).get();
                p = p.with(q.name(), q.integer() ? Math.max(q.sliderMin(), Math.round(v)) : v);
            }
        }
        if (h.type().param("psi").isPresent()) {
            HeadParams typed = p.withPsi(psi.get());
            String why = typed.problem(h).filter(pr -> pr.param().equals("psi")).map(HeadParams.Problem::reason).orElse("");
            psiProblem.set(why);
            if (why.isEmpty()) {
                lastGoodPsi = psi.get();
                psiWarning.set(h.type().warning(typed).orElse(""));
            }
            p = p.withPsi(lastGoodPsi);
        }
        return p;
    }

    private void loadDefaults(HeadKind h) {
        HeadParams p = h.type().theoryDefaults();
        for (HeadParam q : h.type().params()) {
            if (q.numeric()) {
                values.get(q.name()).set(clamp(q, p.value(q.name())));
            }
        }
        if (h.type().param("psi").isPresent() && psi.get().isEmpty()) {
            psi.set(p.psi());
        }
    }

    /** A value inside the parameter's slider span (what a slider can show). */
    static double clamp(HeadParam q, double v) {
        return Math.max(q.sliderMin(), Math.min(q.sliderMax(), v));
    }

    /**
     * Shows a run's head at the values it trains with now (its live, scheduled parameters); does nothing
     * unless {@link #followRunProperty()} is on. Values beyond a slider's span widen nothing: they are drawn
     * as they are and the slider stops at its end, so the label, which reads the drawn value, stays true.
     */
    public void follow(HeadKind runHead, HeadParams live) {
        if (!followRun.get() || runHead == null || live == null) {
            return;
        }
        head.set(runHead);
        for (HeadParam q : runHead.type().params()) {
            if (q.numeric()) {
                values.get(q.name()).set(live.value(q.name()));
            }
        }
        if (runHead.type().param("psi").isPresent()) {
            psi.set(live.psi());
        }
    }

    public ObjectProperty<HeadKind> headProperty() {
        return head;
    }

    /** The value of one of the head's numeric parameters, by its name ("s", "m", "lambda", "m1", "k", …). */
    public DoubleProperty valueProperty(String name) {
        DoubleProperty p = values.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no head has a parameter " + name);
        }
        return p;
    }

    public DoubleProperty sProperty() {
        return valueProperty("s");
    }

    public DoubleProperty mProperty() {
        return valueProperty("m");
    }

    public DoubleProperty lambdaProperty() {
        return valueProperty("lambda");
    }

    /** The custom head's ψ as typed. */
    public StringProperty psiProperty() {
        return psi;
    }

    /** Why the typed ψ is not drawn (one line), or "". */
    public ReadOnlyStringProperty psiProblemProperty() {
        return psiProblem.getReadOnlyProperty();
    }

    /** A note on a drawn ψ that rises somewhere on [0, π], or "". */
    public ReadOnlyStringProperty psiWarningProperty() {
        return psiWarning.getReadOnlyProperty();
    }

    public IntegerProperty classCountProperty() {
        return classCount;
    }

    /** Whether the tab follows the current run: its head and live values, moving as the live knobs move. */
    public BooleanProperty followRunProperty() {
        return followRun;
    }

    /** The parameters the figures draw with. */
    public ObjectBinding<HeadParams> paramsProperty() {
        return params;
    }
}
