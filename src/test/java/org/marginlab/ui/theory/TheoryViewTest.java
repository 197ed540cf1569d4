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
}
