package org.marginlab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.ConfigField;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.ui.compare.CompareCellView;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.views.FigureView;

/**
 * Presentation mode (F11) on a 1024 × 768 projector enlarges the pictures themselves (issue #26): the single sphere is
 * at least 520 px across, each of four compare cells at least 300 px, one of them shown alone (double click) at least
 * 640 px, two compared circles' plots at least 300 px, and at 1600 × 1000 a circle alone at least 640 px across;
 * measured on the laid-out cells and the drawn figures, in scene pixels.
 */
class PresentationSizeTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final ShownWindows windows = new ShownWindows();

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    private WorkbenchWindow show(RecordingBackend backend) {
        return show(backend, 1024, 768);
    }

    private WorkbenchWindow show(RecordingBackend backend, double width, double height) {
        return ScreenshotMaker.onFx(() -> windows.showStill(WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("prefs.json")),
                backend, BackgroundExecutor.fx()), width, height));
    }

    /** Ten classes of probes around the unit vectors of a spiral on the sphere: a 3-D snapshot. */
    static IterationSnapshot sphereSnapshot(long it) {
        int classes = 10;
        int per = 20;
        float[][] emb = new float[classes * per][];
        int[] labels = new int[emb.length];
        float[][] w = new float[classes][];
        float[] theta = new float[emb.length];
        for (int j = 0; j < classes; j++) {
            double z = 1 - 2 * (j + 0.5) / classes;
            double a = j * 2.4;
            double rxy = Math.sqrt(1 - z * z);
            w[j] = new float[] {(float) (rxy * Math.cos(a)), (float) (rxy * Math.sin(a)), (float) z};
            for (int k = 0; k < per; k++) {
                int i = j * per + k;
                emb[i] = new float[] {3 * w[j][0] + 0.01f * k, 3 * w[j][1], 3 * w[j][2] - 0.01f * k};
                labels[i] = j;
                theta[i] = 0.01f * k;
            }
        }
        return new IterationSnapshot(it, 0, emb, labels, w, null, theta, new float[emb.length], 1, 0.5, 1e-3, 100,
                new org.marginlab.loss.HeadParams(1, 0, 0, false), null);
    }

    @Test
    void theSingleSphereIsAtLeast520PxAcrossIn1024x768() throws InterruptedException {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend);
        ScreenshotMaker.onFx(() -> {
            w.model().settings().textProperty(ConfigField.DIM).set("3");
            w.model().control().start();
            return null;
        });
        backend.awaitStarted(1);
        double[] across = ScreenshotMaker.onFx(() -> {
            backend.listeners.getFirst().onIteration(sphereSnapshot(10));
            w.model().pull();
            w.selectTab("Embedding");
            w.setPresentation(false);
            w.paintNow();
            double window = ((EmbeddingSphereFigure) w.view("Embedding").liveFigure()).lastSphere().getWidth();
            w.setPresentation(true);
            w.paintNow();
            save(w, "sphere");
            var c = w.view("Embedding").canvas();
            System.out.println("canvas " + c.getWidth() + " x " + c.getHeight());
            return new double[] {window, ((EmbeddingSphereFigure) w.view("Embedding").liveFigure()).lastSphere().getWidth()};
        });
        System.out.println("presentation 1024x768 sphere: " + across[1] + " px across (" + across[0] + " without)");
        assertTrue(across[1] >= 520, "the sphere is " + across[1] + " px across in presentation mode (" + across[0] + " without)");
        assertTrue(across[1] > across[0], "presentation mode enlarges it: " + across[0] + " → " + across[1]);
    }

    /** The window's picture in {@code target/presentation/}, for looking at. */
    private static void save(WorkbenchWindow w, String name) {
        try {
            java.nio.file.Files.createDirectories(Path.of("target", "presentation"));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(w.root().getScene().snapshot(null), null),
                    "png", Path.of("target", "presentation", name + ".png").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The side of the circle's square plot in scene pixels. */
    private static double circleDiameter(FigureView cell) {
        EmbeddingCircleFigure c = (EmbeddingCircleFigure) cell.liveFigure();
        return c.lastFrame().pixels().getWidth();
    }

    /** A cell's laid-out side in scene pixels: the largest square it offers its picture. */
    private static double cellSide(FigureView cell) {
        javafx.geometry.Bounds b = cell.localToScene(cell.getLayoutBounds());
        return Math.min(b.getWidth(), b.getHeight());
    }

    /** Whether {@code n} lies wholly inside its window (nothing cut off at the edges). */
    private static boolean inWindow(javafx.scene.Node n) {
        javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
        var scene = n.getScene();
        return scene != null && b.getMinX() >= -0.5 && b.getMinY() >= -0.5
                && b.getMaxX() <= scene.getWidth() + 0.5 && b.getMaxY() <= scene.getHeight() + 0.5;
    }

    @Test
    void comparedCirclesFillTheirCellsAndADoubleClickShowsOneAlone() throws InterruptedException {
        Compared two = compared(List.of(HeadKind.SOFTMAX, HeadKind.ARCFACE), 1024, 768);
        assertTrue(two.plot() >= 300, "two compared circles are " + two.plot() + " px across at 1024 × 768");
        assertTrue(two.alonePlot() >= two.plot() - 1, "one cell alone is " + two.alonePlot() + " px across, in the grid " + two.plot());
        assertTrue(two.firstHidden(), "the other cell gives way while one is shown alone");
        assertTrue(Math.abs(two.backPlot() - two.plot()) < 4, "a second double-click brings the grid back: " + two.backPlot());
        Compared four = compared(List.of(HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARCFACE, HeadKind.ARC), 1024, 768);
        // issue #26's bar: at 1024 × 768 a compare cell at least 300 px with four heads, 640 px alone
        assertTrue(four.cell() >= 300, "each of four compare cells is " + four.cell() + " px at 1024 × 768 (plot " + four.plot() + ")");
        assertTrue(four.aloneCell() >= 640, "one of four cells alone is " + four.aloneCell() + " px at 1024 × 768 (plot " + four.alonePlot() + ")");
        assertTrue(four.alonePlot() > 1.5 * four.plot(), "alone, the circle is " + four.alonePlot() + " px across, in the grid " + four.plot());
        assertTrue(four.whole(), "every cell lies wholly inside the 1024 × 768 window");
        Compared large = compared(List.of(HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARCFACE, HeadKind.ARC), 1600, 1000);
        assertTrue(large.alonePlot() >= 640, "one cell alone is " + large.alonePlot() + " px across at 1600 × 1000");
    }

    /**
     * Sizes in scene pixels: the smallest cell and circle plot of the grid, the second cell's and its circle's
     * alone, whether the first cell gave way, the smallest plot back in the grid, whether every cell lay inside
     * the window.
     */
    private record Compared(double cell, double plot, double aloneCell, double alonePlot, boolean firstHidden,
                            double backPlot, boolean whole) {
    }

    /** Compared circles in presentation mode, measured in the grid, one alone and back. */
    private Compared compared(List<HeadKind> heads, double width, double height) throws InterruptedException {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend, width, height);
        ScreenshotMaker.onFx(() -> {
            w.model().settings().textProperty(ConfigField.DIM).set("2");
            w.selectTab("Compare");
            w.model().compare().startCompare(heads);
            return null;
        });
        backend.awaitStarted(heads.size());
        ScreenshotMaker.onFx(() -> {
            for (int i = 0; i < heads.size(); i++) {
                backend.listeners.get(i).onIteration(Snapshots.iteration(10, 10, 5));
            }
            w.model().pull();
            w.setPresentation(true);
            w.paintNow(); // the grid takes its new size; its shape follows on the next pulse
            return null;
        });
        Compared sizes = ScreenshotMaker.onFx(() -> {
            w.paintNow();
            List<FigureView> cells = w.compareView().figureViews().stream().filter(v -> v instanceof CompareCellView).toList();
            save(w, "compare-" + heads.size() + "-" + (int) width);
            double cell = cells.stream().mapToDouble(PresentationSizeTest::cellSide).min().orElse(0);
            double plot = cells.stream().mapToDouble(PresentationSizeTest::circleDiameter).min().orElse(0);
            boolean whole = cells.stream().allMatch(PresentationSizeTest::inWindow);
            w.compareView().toggleAlone((CompareCellView) cells.get(1));
            w.paintNow();
            boolean firstHidden = !cells.get(0).isVisible() || cells.get(0).getScene() == null;
            double aloneCell = cellSide(cells.get(1));
            double alonePlot = circleDiameter(cells.get(1));
            whole &= inWindow(cells.get(1));
            save(w, "compare-" + heads.size() + "-alone-" + (int) width);
            w.compareView().toggleAlone((CompareCellView) cells.get(1));
            w.paintNow();
            double back = cells.stream().mapToDouble(PresentationSizeTest::circleDiameter).min().orElse(0);
            return new Compared(cell, plot, aloneCell, alonePlot, firstHidden, back, whole);
        });
        System.out.println("presentation " + (int) width + "x" + (int) height + ", " + heads.size() + " heads: " + sizes);
        return sizes;
    }
}
