package org.marginlab.ui.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import javafx.scene.Scene;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.theory.DecisionBoundaryFigure;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.RecordingBackend;
import org.marginlab.ui.Snapshots;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.WorkbenchWindow;
import org.marginlab.ui.views.FigureView;

class TheoryViewTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    @Test
    void slidersRedrawTheFiguresWithTheNewParameters() {
        RecordingBackend backend = new RecordingBackend();
        ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("p.json")), backend,
                    BackgroundExecutor.synchronous());
            new Scene(w.root(), 1000, 720);
            w.selectTab("Theory");
            TheoryViewModel t = w.theoryView().model();
            t.headProperty().set(HeadKind.ARCFACE);
            w.paintNow();
            FigureView dz = w.theoryView().figures().get(0);
            long before = dz.canvas().paints();
            t.mProperty().set(0.5);
            t.sProperty().set(30);
            w.clock().tick(0);
            assertEquals(before + 1, dz.canvas().paints(), "one repaint per pulse however many slider events");
            DzDthetaFigure f = (DzDthetaFigure) dz.liveFigure();
            assertEquals(HeadKind.ARCFACE, f.head());
            assertEquals(0.5, f.params().m(), 1e-12);
            assertEquals(30, f.params().s(), 1e-12);

            // A run training meanwhile brings snapshots; the analytic figures do not redraw for them.
            w.model().control().start();
            backend.listeners.get(0).onStateChanged(org.marginlab.run.RunState.RUNNING, "running");
            backend.listeners.get(0).onIteration(Snapshots.iteration(1, 10, 3));
            long painted = dz.canvas().paints();
            w.clock().tick(Long.MAX_VALUE / 4);
            assertEquals(org.marginlab.run.RunState.RUNNING, w.model().control().stateProperty().get());
            assertEquals(painted, dz.canvas().paints(), "no repaint of an analytic figure for run data");

            // SphereFace's margin is a whole multiplier.
            t.headProperty().set(HeadKind.SPHEREFACE);
            t.mProperty().set(2.6);
            assertEquals(3, t.paramsProperty().get().m());
            DecisionBoundaryFigure d = (DecisionBoundaryFigure) w.view("Decision boundary").liveFigure();
            assertEquals("sphereface", d.csv().get(1)[0]);
            assertEquals("3", d.csv().get(1)[2]);
            return null;
        });
    }

    /** Issue 26, item 3: pick ArcFace, then SphereFace; every slider shows exactly the value drawn. */
    @Test
    void slidersShowTheValuesDrawnWhateverTheOrderOfHeads() {
        ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("p.json")), new RecordingBackend(),
                    BackgroundExecutor.synchronous());
            new Scene(w.root(), 1000, 720);
            w.selectTab("Theory");
            TheoryView v = w.theoryView();
            TheoryViewModel t = v.model();
            for (HeadKind h : new HeadKind[] {HeadKind.COSFACE, HeadKind.ARCFACE, HeadKind.SPHEREFACE, HeadKind.COMBINED,
                    HeadKind.CENTER, HeadKind.SUBCENTER_ARCFACE, HeadKind.ARCFACE, HeadKind.LSOFTMAX}) {
                t.headProperty().set(h);
                org.marginlab.loss.HeadParams drawn = t.paramsProperty().get();
                for (org.marginlab.loss.HeadParam q : h.type().params()) {
                    if (q.numeric()) {
                        assertEquals(drawn.value(q.name()), v.parameterSlider(q.name()).getValue(), 1e-12,
                                h.id() + " " + q.name());
                    }
                }
            }
            // SphereFace after ArcFace draws m = 4, λ = 5 and its sliders say so
            t.headProperty().set(HeadKind.SPHEREFACE);
            assertEquals(4, v.parameterSlider("m").getValue(), 0);
            assertEquals(5, v.parameterSlider("lambda").getValue(), 0);
            assertEquals(4, ((DzDthetaFigure) v.figures().get(0).freshFigure()).params().m(), 0);
            // a followed run beyond a slider's span widens the slider rather than changing the value drawn
            t.followRunProperty().set(true);
            t.follow(HeadKind.ARCFACE, new org.marginlab.loss.HeadParams(64, 2.5, 0, false));
            assertEquals(HeadKind.ARCFACE, t.headProperty().get());
            assertEquals(2.5, t.paramsProperty().get().m(), 0);
            assertEquals(2.5, v.parameterSlider("m").getValue(), 0);
            assertEquals(64, v.parameterSlider("s").getValue(), 0);
            return null;
        });
    }

    @Test
    void customPsiIsDrawnAsTypedAndABadOneKeepsTheLastGood() {
        ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("p.json")), new RecordingBackend(),
                    BackgroundExecutor.synchronous());
            new Scene(w.root(), 1000, 720);
            w.selectTab("Theory");
            TheoryViewModel t = w.theoryView().model();
            t.headProperty().set(HeadKind.CUSTOM);
            t.psiProperty().set("cos(theta)^2 - m");
            t.mProperty().set(0.5);
            assertEquals("cos(theta)^2 - m", t.paramsProperty().get().psi());
            assertEquals("", t.psiProblemProperty().get());
            DzDthetaFigure dz = (DzDthetaFigure) w.theoryView().figures().get(0).freshFigure();
            // ∂/∂θ (cos²θ − m) = −2 cos θ sin θ = −sin 2θ: at 45° it is −1 (s = 1 in this figure)
            assertEquals(-1, org.marginlab.loss.HeadFunctions.of(HeadKind.CUSTOM, dz.curveParams(HeadKind.CUSTOM))
                    .targetSlope(Math.PI / 4, 1, 1), 1e-12);
            t.psiProperty().set("cos(theta");
            assertTrue(t.psiProblemProperty().get().contains("missing ')'"), t.psiProblemProperty().get());
            assertEquals("cos(theta)^2 - m", t.paramsProperty().get().psi());
            t.psiProperty().set("theta");
            assertEquals("", t.psiProblemProperty().get());
            assertTrue(t.psiWarningProperty().get().contains("rises"), t.psiWarningProperty().get());
            return null;
        });
    }
}
