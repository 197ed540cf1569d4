package org.marginlab.ui.views;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

import org.marginlab.figures.FigureStyle;

/**
 * One legend for all cells of a comparison: the colours and names of the classes the compared runs
 * trained on, and what the lines mean. The cells draw without their own legend, so their circles and
 * spheres get the room.
 */
public final class ClassLegendBar extends FlowPane {

    /** A control placed after the key (e.g. Compare's table switch in presentation mode), or null. */
    private javafx.scene.Node trailing;
    private static final String LINES = "dashed: W_j direction · line: decision boundary · shaded: margin region";
    /** Only spheres turn: 2-D circles have nothing to drag. */
    private static final String SPHERES = " · drag a sphere to turn them all";
    private final Label lines = new Label(LINES);
    private boolean vertical;
    private boolean spheres;

    public ClassLegendBar() {
        super(12, 2);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(2, 8, 4, 8));
        lines.getStyleClass().add("tool-caption");
        lines.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        show(java.util.List.of(), FigureStyle.PAPER);
        getStyleClass().add("class-legend-bar");
    }

    /** Lists every Fashion-MNIST class but {@code heldOut}, in {@code look}'s colours. */
    public void show(java.util.List<Integer> heldOut, FigureStyle.Look look) {
        show(null, heldOut, look);
    }

    /**
     * Lists every class of the run's data set but {@code heldOut} (which no compared run trained on), by its own id
     * and name, in the colours the cells draw on {@code look}'s background; beyond
     * {@link FigureStyle#LABELLED_CLASSES} classes, one line saying how many (names on hover).
     */
    public void show(org.marginlab.figures.RunData run, java.util.List<Integer> heldOut, FigureStyle.Look look) {
        getChildren().clear();
        spheres = run != null && run.config() != null && run.config().dim() >= 3;
        lines.setText(linesText());
        int n = run == null ? FigureStyle.CLASS_NAMES.size() : run.classCount();
        if (n > FigureStyle.LABELLED_CLASSES) {
            Label l = new Label((n - heldOut.size()) + " classes, coloured by id; hover a point for its class");
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            getChildren().add(l);
        } else {
            for (int j = 0; j < n; j++) {
                if (heldOut.contains(j)) {
                    continue;
                }
                java.awt.Color c = FigureStyle.classColor(look, j, n);
                String name = run == null ? FigureStyle.className(j) : run.className(j);
                Label l = new Label(j + " " + name, new Circle(5, Color.rgb(c.getRed(), c.getGreen(), c.getBlue())));
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                getChildren().add(l);
            }
        }
        getChildren().add(lines);
        if (trailing != null) {
            getChildren().add(trailing);
        }
    }

    /**
     * Lays the key out as a column (one class a line, the line key wrapped), for the side of a grid whose cells
     * are short of height (presentation mode), or as rows across the top again.
     */
    public void setVertical(boolean vertical) {
        setOrientation(vertical ? javafx.geometry.Orientation.VERTICAL : javafx.geometry.Orientation.HORIZONTAL);
        setPrefWrapLength(vertical ? 2000 : 400); // a column never wraps into a second one
        setVgap(vertical ? 4 : 2);
        this.vertical = vertical;
        lines.setText(linesText());
        setPadding(vertical ? new Insets(8, 8, 8, 8) : new Insets(2, 8, 4, 8));
    }

    /** What the lines mean, one a line in a column. */
    String linesText() {
        String text = LINES + (spheres ? SPHERES : "");
        return vertical ? text.replace(" · ", "\n") : text;
    }

    /** Puts {@code node} after the key, or removes the one there (null). */
    public void setTrailing(javafx.scene.Node node) {
        if (trailing != null) {
            getChildren().remove(trailing);
        }
        trailing = node;
        if (node != null && !getChildren().contains(node)) {
            getChildren().add(node);
        }
    }

    /** The class entries shown, in order. */
    java.util.List<String> classEntries() {
        return getChildren().stream().filter(n -> n != lines && n != trailing).map(n -> ((Label) n).getText()).toList();
    }
}
