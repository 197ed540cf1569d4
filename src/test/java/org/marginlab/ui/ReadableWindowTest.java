package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.ConfigField;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.TextFit;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;
import org.marginlab.ui.viewmodel.SettingsViewModel;
import org.marginlab.ui.views.EmbeddingView;
import org.marginlab.ui.views.FigureCanvas;
import org.marginlab.ui.views.FigureView;

/**
 * The window a room reads from a projector: at 1024 × 768, in normal and in presentation mode, on every
 * tab, after a real run and a real four-head comparison, no figure text runs outside its panel, is
 * clipped, cut short or drawn over another text, and no control's label is cut short. Each text's ink is
 * measured where the drawing code laid it out ({@link org.marginlab.figures.TextRecorder}). The window's
 * pictures go to {@code target/readable/} for looking at.
 */
class ReadableWindowTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    private static void await(String what, BooleanSupplier fx) throws InterruptedException {
        FxWait.until(what, Duration.ofSeconds(300), fx);
    }

    private static boolean over(RunState s) {
        return s == RunState.FINISHED || s == RunState.CANCELLED || s == RunState.FAILED;
    }

    @Test
    void everyTextFitsOnEveryTabAt1024x768() throws Exception {
        Path out = Path.of("target", "readable");
        Files.createDirectories(out);
        Scene[] scene = new Scene[1];
        WorkbenchWindow w = ScreenshotMaker.onFx(() -> {
            WorkbenchWindow win = WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("prefs.json")),
                    new EngineBackend(tmp.resolve("runs"), EngineBackend.engineHeads()), BackgroundExecutor.fx());
            scene[0] = win.scene(1024, 768); // laid out without a native window, as `marginlab screenshot` does
            win.clock().start();
            SettingsViewModel s = win.model().settings();
            s.selectHead(HeadKind.ARCFACE);
            s.textProperty(ConfigField.DIM).set("2");
            s.textProperty(ConfigField.BATCH).set("32");
            s.textProperty(ConfigField.ITERATIONS).set("60");
            s.textProperty(ConfigField.SNAPSHOT_EVERY).set("10");
            s.textProperty(ConfigField.EARLY_SNAPSHOTS).set("0"); // the scenario's seven snapshots
            s.textProperty(ConfigField.PROBE_PER_CLASS).set("20");
            s.textProperty(ConfigField.DEVICE).set("cpu");
            win.model().control().start();
            return win;
        });
        await("the run", () -> {
            w.model().pull();
            return !w.model().control().startingProperty().get() && over(w.model().control().stateProperty().get());
        });
        hoverShowsThePointsPictureAndNumbers(w);
        List<HeadKind> heads = List.of(HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARCFACE, HeadKind.ARC);
        ScreenshotMaker.onFx(() -> {
            w.compareView().select(heads);
            w.model().compare().startCompare(heads);
            return null;
        });
        await("the comparison", () -> {
            w.model().pull();
            return w.model().compare().compareRuns().size() == heads.size()
                    && w.model().compare().compareRuns().stream().allMatch(r -> over(r.stateProperty().get()));
        });

        hoverWorksInEveryCompareCell(w);

        List<String> problems = new ArrayList<>();
        for (boolean presentation : new boolean[] {false, true}) {
            String mode = presentation ? "presentation" : "window";
            for (String tab : ScreenshotMaker.onFx(w::tabNames)) {
                String name = mode + "-" + tab.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                ScreenshotMaker.onFx(() -> {
                    w.setPresentation(presentation);
                    // the once-shown hint goes away with any key; the room pictures show the figures
                    javafx.event.Event.fireEvent(w.root(), new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                            "", "", javafx.scene.input.KeyCode.SHIFT, true, false, false, false));
                    w.selectTab(tab);
                    return null;
                });
                if (tab.equals("Theory")) {
                    for (FigureView f : w.theoryView().figures()) {
                        ScreenshotMaker.onFx(() -> {
                            w.theoryView().show(f);
                            return null;
                        });
                        check(w, scene[0], problems, mode + ", Theory", out.resolve(name + "-"
                                + f.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png"));
                    }
                } else if (tab.equals("Compare")) {
                    check(w, scene[0], problems, mode + ", Compare", out.resolve(name + ".png"));
                    ScreenshotMaker.onFx(() -> {
                        w.compareView().showTable(true);
                        return null;
                    });
                    check(w, scene[0], problems, mode + ", Compare table", out.resolve(name + "-table.png"));
                    ScreenshotMaker.onFx(() -> {
                        w.compareView().showTable(false);
                        w.compareView().toggleAlone((org.marginlab.ui.compare.CompareCellView) w.compareView().figureViews().get(2));
                        return null;
                    });
                    check(w, scene[0], problems, mode + ", Compare, one cell alone", out.resolve(name + "-alone.png"));
                    ScreenshotMaker.onFx(() -> {
                        w.compareView().toggleAlone(w.compareView().aloneCell());
                        return null;
                    });
                } else {
                    check(w, scene[0], problems, mode + ", " + tab, out.resolve(name + ".png"));
                }
            }
        }
        ScreenshotMaker.onFx(() -> {
            w.clock().stop();
            return null;
        });
        assertTrue(problems.isEmpty(), problems.size() + " texts do not fit:\n" + String.join("\n", problems));
    }

    /** Hovering a drawn point brings up its card: the class the snapshot says, its θ_y, a P_y in (0, 1). */
    private static void hoverShowsThePointsPictureAndNumbers(WorkbenchWindow w) throws InterruptedException {
        EmbeddingView view = (EmbeddingView) w.view("Embedding");
        int[] hit = ScreenshotMaker.onFx(() -> {
            w.selectTab("Embedding");
            w.paintNow();
            var circle = (org.marginlab.figures.embedding.EmbeddingCircleFigure) view.liveFigure();
            for (int y = 0; y < view.canvas().getHeight(); y += 2) {
                for (int x = 0; x < view.canvas().getWidth(); x += 2) {
                    int i = circle.pointAt(x, y, 1.5);
                    if (i >= 0) {
                        view.hover(x, y, 0, 0);
                        return new int[] {i, circle.lastSnapshot().probeLabels()[i]};
                    }
                }
            }
            throw new AssertionError("no point drawn");
        });
        await("the hover card", () -> view.cardContent() != null);
        String card = ScreenshotMaker.onFx(() -> ((javafx.scene.control.Label) ((javafx.scene.layout.HBox) view.cardContent())
                .getChildren().get(1)).getText());
        var s = ScreenshotMaker.onFx(() -> w.model().timeline().shownProperty().get());
        assertTrue(card.startsWith(hit[1] + " " + org.marginlab.figures.FigureStyle.className(hit[1])), card);
        assertTrue(card.contains(String.format(java.util.Locale.ROOT, "θ_y = %.1f°", Math.toDegrees(s.thetaY()[hit[0]]))), card);
        double p = Double.parseDouble(card.substring(card.indexOf("P_y = ") + 6).trim());
        assertTrue(p > 0 && p < 1, card);

        // The card follows the theme: dark.css's card colour (#2b2c30) behind its light text (#e6e6e6).
        String theme = ScreenshotMaker.onFx(w::theme);
        javafx.scene.Node light = ScreenshotMaker.onFx(() -> {
            w.setTheme("dark");
            view.hover(-1000, -1000, 0, 0); // off every point: the card goes, the next one is new
            return view.cardContent();
        });
        ScreenshotMaker.onFx(() -> {
            w.paintNow();
            var circle = (org.marginlab.figures.embedding.EmbeddingCircleFigure) view.liveFigure();
            for (int y = 0; y < view.canvas().getHeight(); y += 2) {
                for (int x = 0; x < view.canvas().getWidth(); x += 2) {
                    if (circle.pointAt(x, y, 1.5) >= 0) {
                        view.hover(x, y, 0, 0);
                        return null;
                    }
                }
            }
            throw new AssertionError("no point drawn in the dark theme");
        });
        await("the dark hover card", () -> view.cardContent() != light);
        javafx.scene.paint.Color[] colours = ScreenshotMaker.onFx(() -> {
            var box = (javafx.scene.layout.HBox) view.cardContent();
            box.applyCss();
            var text = (javafx.scene.control.Label) box.getChildren().get(1);
            return new javafx.scene.paint.Color[] {
                    (javafx.scene.paint.Color) box.getBackground().getFills().get(0).getFill(),
                    (javafx.scene.paint.Color) text.getTextFill()};
        });
        assertEquals(javafx.scene.paint.Color.web("#2b2c30"), colours[0]);
        assertEquals(javafx.scene.paint.Color.web("#e6e6e6"), colours[1]);
        ScreenshotMaker.onFx(() -> {
            w.setTheme(theme);
            return null;
        });
    }

    /** Issue 26: hover did nothing in compare cells. Each cell's card names the class the snapshot says. */
    private static void hoverWorksInEveryCompareCell(WorkbenchWindow w) throws InterruptedException {
        List<org.marginlab.ui.compare.CompareCellView> cells = ScreenshotMaker.onFx(() -> {
            w.selectTab("Compare");
            w.paintNow();
            return w.compareView().figureViews().stream().filter(v -> v instanceof org.marginlab.ui.compare.CompareCellView)
                    .map(v -> (org.marginlab.ui.compare.CompareCellView) v).toList();
        });
        assertEquals(4, cells.size());
        for (var cell : cells) {
            int label = ScreenshotMaker.onFx(() -> {
                var circle = (org.marginlab.figures.embedding.EmbeddingCircleFigure) cell.liveFigure();
                for (int y = 0; y < cell.canvas().getHeight(); y += 2) {
                    for (int x = 0; x < cell.canvas().getWidth(); x += 2) {
                        int i = circle.pointAt(x, y, 1.5);
                        if (i >= 0) {
                            cell.hover(x, y, 0, 0);
                            return circle.lastSnapshot().probeLabels()[i];
                        }
                    }
                }
                throw new AssertionError("no point drawn in " + cell.name());
            });
            await("the hover card of " + cell.name(), () -> cell.cardContent() != null);
            String card = ScreenshotMaker.onFx(() -> ((javafx.scene.control.Label) ((javafx.scene.layout.HBox) cell.cardContent())
                    .getChildren().get(1)).getText());
            assertTrue(card.startsWith(label + " " + org.marginlab.figures.FigureStyle.className(label)), cell.name() + ": " + card);
        }
    }

    /** Paints the window as it is and notes every text that does not fit; saves its picture to {@code png}. */
    private static void check(WorkbenchWindow w, Scene scene, List<String> problems, String where, Path png) {
        ScreenshotMaker.onFx(() -> {
            w.paintNow();
            for (FigureView v : w.allViews()) {
                FigureCanvas c = v.canvas();
                if (c.isOnScreen() && v.liveFigure() != null) {
                    for (String p : TextFit.check(v.liveFigure(), Math.floor(c.getWidth()), Math.floor(c.getHeight()), c.look())) {
                        problems.add(where + ", " + v.name() + ": " + p);
                    }
                }
            }
            cutLabels(w.root(), problems, where);
            tabsOffTheBar(w.root(), problems, where);
            try {
                javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", png.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
    }

    /** Labels, buttons and check boxes on screen whose text JavaFX had to shorten to fit. */
    private static void cutLabels(Node root, List<String> problems, String where) {
        if (root instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(c -> cutLabels(c, problems, where));
        }
        {
            Node n = root;
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank() && showing(l)
                    && l.lookup(".text") instanceof Text shown && !shown.getText().equals(l.getText())) {
                problems.add(where + ": the label '" + l.getText() + "' shows as '" + shown.getText() + "'");
            }
        }
    }

    /** Tab bars whose tabs do not all fit beside the tab list button (JavaFX then scrolls the first ones off). */
    private static void tabsOffTheBar(Node root, List<String> problems, String where) {
        for (Node area : root.lookupAll(".tab-header-area")) {
            if (!showing(area) || !(area instanceof javafx.scene.layout.Region bar)
                    || !(bar.lookup(".headers-region") instanceof javafx.scene.Parent headers)) {
                continue;
            }
            double tabs = 0;
            for (Node t : headers.getChildrenUnmodifiable()) {
                tabs += t.prefWidth(-1);
            }
            double room = bar.getWidth() - bar.snappedLeftInset() - bar.snappedRightInset();
            if (bar.lookup(".control-buttons-tab") instanceof javafx.scene.layout.Region buttons && buttons.isVisible()) {
                room -= buttons.getWidth();
            }
            if (tabs > room + 0.5) {
                problems.add(String.format(java.util.Locale.ROOT, "%s: the tabs need %.0f px, their bar has %.0f",
                        where, tabs, room));
            }
        }
    }

    private static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }
}
