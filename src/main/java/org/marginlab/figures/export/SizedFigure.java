package org.marginlab.figures.export;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Map;
import org.marginlab.figures.Figure;

/** A figure exported at another size than its preferred one (e.g. {@code figures --size 1200x800}); all else is the figure's. */
public record SizedFigure(Figure figure, Dimension size) implements Figure {

    @Override
    public String id() {
        return figure.id();
    }

    @Override
    public String title() {
        return figure.title();
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        figure.draw(g, area);
    }

    @Override
    public List<String[]> csv() {
        return figure.csv();
    }

    @Override
    public Dimension preferredSize() {
        return new Dimension(size);
    }

    @Override
    public Map<String, String> viewState() {
        return figure.viewState();
    }

    @Override
    public boolean hasData() {
        return figure.hasData();
    }
}
