package org.marginlab.ui.views;

import java.util.function.Supplier;

import javafx.scene.control.Label;

import org.marginlab.figures.RunData;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/**
 * The hover card of an embedding picture (the Embedding tab, every Compare cell): pointing at a probe point
 * shows its picture (from the run's own data set's test split), class, θ_y and P_y.
 */
public final class ProbeHover {
    private final FigureView owner;
    private final WorkbenchViewModel model;
    private final BackgroundExecutor executor;
    private final Supplier<RunData> runOf;
    private final javafx.stage.Popup card = new javafx.stage.Popup();
    private int hovered = -1;
    /** The test split the probes come from, read once on a worker for the hover card; guarded by this. */
    private org.marginlab.data.Split testSet;
    private String testSetDir;

    /** Installs the card on {@code view}'s canvas; {@code runOf} gives the run its picture draws. */
    public ProbeHover(FigureView view, WorkbenchViewModel model, BackgroundExecutor executor, Supplier<RunData> runOf) {
        this.owner = view;
        this.model = model;
        this.executor = executor;
        this.runOf = runOf;
        owner.canvas().setOnMouseMoved(e -> hover(e.getX(), e.getY(), e.getScreenX(), e.getScreenY()));
        owner.canvas().setOnMouseExited(e -> hideCard());
    }

    /**
     * Hovering a point shows its picture, class, θ_y and P_y. The nearest point is found on the FX thread
     * from the last paint's layout; the picture is read and P_y worked out on a worker.
     */
    public void hover(double x, double y, double screenX, double screenY) {
        int i = -1;
        org.marginlab.run.IterationSnapshot s = null;
        if (owner.liveFigure() instanceof EmbeddingCircleFigure c) {
            i = c.pointAt(x, y, 6);
            s = c.lastSnapshot();
        } else if (owner.liveFigure() instanceof EmbeddingSphereFigure sp) {
            i = sp.pointAt(x, y, 6);
            s = sp.lastSnapshot();
        }
        RunData run = runOf.get();
        if (i < 0 || s == null || run == null || run.config() == null) {
            hideCard();
            return;
        }
        if (i == hovered) {
            return;
        }
        hovered = i;
        int point = i;
        org.marginlab.run.IterationSnapshot shown = s;
        org.marginlab.config.TrainConfig config = run.config();
        org.marginlab.loss.HeadParams params = run.paramsAt(s);
        executor.submit(() -> ProbeInfo.of(shown, point, config.head(), params, testSet(config),
                        config.probePerClass()),
                info -> {
                    if (hovered == info.point()) {
                        int cls = config.datasetClass(info.label());
                        showCard(info, cls, config.className(cls), screenX, screenY);
                    }
                },
                failure -> model.notify(WorkbenchViewModel.describe("Cannot show that point's image", failure)));
    }

    /** The run's test split, read once per data set (the same reading as training's: format, size, colour). */
    private synchronized org.marginlab.data.Split testSet(org.marginlab.config.TrainConfig config) {
        String key = config.dataDir() + "|" + config.dataOptions();
        if (testSet == null || !key.equals(testSetDir)) {
            testSet = null;
            String dir = config.dataDir();
            testSet = dir == null ? org.marginlab.data.FashionMnist.loadTest(null)
                    : org.marginlab.data.DataSets.load(java.nio.file.Path.of(dir), config.dataOptions()).test();
            testSetDir = key;
        }
        return testSet;
    }

    void hideCard() {
        hovered = -1;
        card.hide();
    }

    /** The card: the picture (28 × 28 or 32 × 32 at 4×, in colour where the data has it) and its numbers. */
    private void showCard(ProbeInfo info, int datasetClass, String className, double screenX, double screenY) {
        javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(info.cols(), info.rows());
        for (int r = 0; r < info.rows(); r++) {
            for (int c = 0; c < info.cols(); c++) {
                img.getPixelWriter().setArgb(c, r, info.argb(r, c));
            }
        }
        javafx.scene.image.ImageView view = new javafx.scene.image.ImageView(img);
        int zoom = Math.max(1, 128 / Math.max(info.rows(), info.cols()));
        view.setFitWidth(info.cols() * zoom);
        view.setFitHeight(info.rows() * zoom);
        view.setSmooth(false);
        Label text = new Label(String.format(java.util.Locale.ROOT, "%d %s%ntest image %d%nθ_y = %.1f°%nP_y = %.3f",
                datasetClass, className, info.testIndex(),
                Math.toDegrees(info.thetaY()), info.pY()));
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(8, view, text);
        // A popup is a scene of its own: the window root's sheets and classes (root, presentation) give the
        // card the window's theme colours and type size.
        if (owner.getScene() != null) {
            box.getStylesheets().setAll(owner.getScene().getRoot().getStylesheets());
            box.getStyleClass().setAll(owner.getScene().getRoot().getStyleClass());
        }
        box.getStyleClass().add("probe-card");
        card.getContent().setAll(box);
        if (owner.getScene() != null && owner.getScene().getWindow() != null) {
            card.show(owner.getScene().getWindow(), screenX + 14, screenY + 14);
        }
    }

    /** The card's content (the last one shown), for tests; null before the first. */
    public javafx.scene.Node cardContent() {
        return card.getContent().isEmpty() ? null : card.getContent().get(0);
    }

}
