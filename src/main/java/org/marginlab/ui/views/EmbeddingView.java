package org.marginlab.ui.views;

import org.marginlab.config.ConfigField;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;

import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureKind;
import org.marginlab.figures.RunData;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.ui.BackgroundExecutor;
import org.marginlab.ui.WorkbenchViewModel;

/**
 * The embedding: a circle for d = 2, a sphere (drag to rotate, also while training runs) for d ≥ 3,
 * following the timeline's snapshot when the user scrubs back.
 */
public final class EmbeddingView extends FigureView {
    private final CheckBox normalised = new CheckBox("normalised (unit circle)");
    private double dragX;
    private double dragY;
    private final javafx.stage.Popup card = new javafx.stage.Popup();
    private int hovered = -1;
    /** The test split the probes come from, read once on a worker for the hover card; guarded by this. */
    private org.marginlab.data.Split testSet;
    private String testSetDir;

    public EmbeddingView(WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        normalised.setSelected(true);
        normalised.selectedProperty().addListener(o -> refresh());
        Label hint = caption("drag to rotate the sphere");
        addTools(normalised, hint);
        normalised.managedProperty().bind(normalised.visibleProperty());
        hint.managedProperty().bind(hint.visibleProperty());
        hint.visibleProperty().bind(normalised.visibleProperty().not());
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseDragged(e -> {
            rotateBy(e.getX() - dragX, e.getY() - dragY);
            dragX = e.getX();
            dragY = e.getY();
        });
        model.timeline().timelineIndexProperty().addListener(o -> refresh());
        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY(), e.getScreenX(), e.getScreenY()));
        canvas.setOnMouseExited(e -> hideCard());
    }

    /**
     * Hovering a point shows its picture, class, θ_y and P_y. The nearest point is found on the FX thread
     * from the last paint's layout; the picture is read and P_y worked out on a worker.
     */
    public void hover(double x, double y, double screenX, double screenY) {
        int i = -1;
        org.marginlab.run.IterationSnapshot s = null;
        if (liveFigure() instanceof EmbeddingCircleFigure c) {
            i = c.pointAt(x, y, 6);
            s = c.lastSnapshot();
        } else if (liveFigure() instanceof EmbeddingSphereFigure sp) {
            i = sp.pointAt(x, y, 6);
            s = sp.lastSnapshot();
        }
        RunData run = RunFigureView.currentRun(model);
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

    private void hideCard() {
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
        if (getScene() != null) {
            box.getStylesheets().setAll(getScene().getRoot().getStylesheets());
            box.getStyleClass().setAll(getScene().getRoot().getStyleClass());
        }
        box.getStyleClass().add("probe-card");
        card.getContent().setAll(box);
        if (getScene() != null && getScene().getWindow() != null) {
            card.show(getScene().getWindow(), screenX + 14, screenY + 14);
        }
    }

    /** The card's content (the last one shown), for tests; null before the first. */
    public javafx.scene.Node cardContent() {
        return card.getContent().isEmpty() ? null : card.getContent().get(0);
    }

    /** Turns the sphere as a mouse drag of (dx, dy) pixels would; repaints on the next pulse. */
    public void rotateBy(double dx, double dy) {
        if (liveFigure() instanceof EmbeddingSphereFigure sphere) {
            sphere.rotateBy(dx, dy);
            canvas.markDirty();
        }
    }

    /** Each frame shows its own last snapshot, wherever the timeline stands. */
    @Override
    public Figure replayFrame(RunData upTo) {
        Figure f = super.replayFrame(upTo);
        switch (f) {
            case EmbeddingCircleFigure c -> c.setSnapshotIndex(-1);
            case EmbeddingSphereFigure s -> s.setSnapshotIndex(-1);
            default -> { }
        }
        return f;
    }

    @Override
    public String name() {
        return FigureKind.EMBEDDING_CIRCLE.label();
    }

    private int dim() {
        RunData d = model.control().runData();
        if (d != null && d.config() != null) {
            return d.config().dim();
        }
        try {
            return Integer.parseInt(model.settings().textProperty(ConfigField.DIM).get().trim());
        } catch (NumberFormatException e) {
            return 3;
        }
    }

    @Override
    protected boolean needsNewFigure(Figure current) {
        return (dim() == 2) != (current instanceof EmbeddingCircleFigure);
    }

    @Override
    protected Figure createFigure() {
        return dim() == 2 ? new EmbeddingCircleFigure() : new EmbeddingSphereFigure();
    }

    @Override
    protected void configure(Figure f) {
        RunData run = RunFigureView.currentRun(model);
        int index = model.timeline().timelineIndexProperty().get();
        if (f == liveFigure()) {
            normalised.setVisible(f instanceof EmbeddingCircleFigure);
        }
        switch (f) {
            case EmbeddingCircleFigure c -> {
                c.setRun(run);
                c.setSnapshotIndex(index);
                c.setNormalised(normalised.isSelected());
            }
            case EmbeddingSphereFigure s -> {
                s.setRun(run);
                s.setSnapshotIndex(index);
                if (f != liveFigure() && liveFigure() instanceof EmbeddingSphereFigure shown) {
                    s.setYaw(shown.yaw());
                    s.setPitch(shown.pitch());
                }
            }
            default -> { }
        }
    }
}
