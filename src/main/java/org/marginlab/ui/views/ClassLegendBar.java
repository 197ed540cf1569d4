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

    private final Label lines = new Label("dashed: W_j direction · line: decision boundary · shaded: margin region · drag a sphere to turn them all");

    public ClassLegendBar() {
        super(12, 2);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(2, 8, 4, 8));
        lines.getStyleClass().add("tool-caption");
        lines.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        show(java.util.List.of(), FigureStyle.PAPER);
        getStyleClass().add("class-legend-bar");
    }

    /** Lists every Fashion-MNIST class but {@code heldOut} (which no compared run trained on), by its own id and name. */
    public void show(java.util.List<Integer> heldOut, FigureStyle.Look look) {
        getChildren().clear();
        for (int j = 0; j < FigureStyle.CLASS_NAMES.size(); j++) {
            if (heldOut.contains(j)) {
                continue;
            }
            java.awt.Color c = FigureStyle.classColor(look, j, FigureStyle.CLASS_NAMES.size());
            Label l = new Label(j + " " + FigureStyle.className(j), new Circle(5, Color.rgb(c.getRed(), c.getGreen(), c.getBlue())));
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            getChildren().add(l);
        }
        getChildren().add(lines);
    }

    /** The class entries shown, in order. */
    java.util.List<String> classEntries() {
        return getChildren().stream().filter(n -> n != lines).map(n -> ((Label) n).getText()).toList();
    }
}
