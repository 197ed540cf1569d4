package org.marginlab.figures;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Several figures side by side in a grid, each under a caption (e.g. one embedding per head, as the
 * angular-loss paper's Fig. 6 and the AM-Softmax paper's Fig. 4). Each panel is drawn by its own figure.
 */
public final class PanelGridFigure implements Figure {

    /** One panel: the figure and the caption drawn above it. */
    public record Panel(Figure figure, String caption) {
    }

    private static final int CAPTION = 24;

    private final String id;
    private final String title;
    private final List<Panel> panels;
    private final int columns;
    private final Dimension cell;

    public PanelGridFigure(String id, String title, List<Panel> panels, int columns, Dimension cell) {
        this.id = id;
        this.title = title;
        this.panels = List.copyOf(panels);
        this.columns = Math.max(1, columns);
        this.cell = cell;
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Dimension preferredSize() {
        return new Dimension(columns * cell.width, 40 + rows() * (cell.height + CAPTION));
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        Rectangle2D body = FigureStyle.header(g, area, title, null);
        double w = body.getWidth() / columns;
        double h = body.getHeight() / Math.max(1, rows());
        for (int i = 0; i < panels.size(); i++) {
            double x = body.getX() + (i % columns) * w;
            double y = body.getY() + (i / columns) * h;
            g.setFont(FigureStyle.labelFont());
            g.setColor(FigureStyle.ink());
            FigureStyle.drawCentred(g, panels.get(i).caption(), x + w / 2, y + CAPTION - 6);
            Graphics2D sub = (Graphics2D) g.create();
            try {
                Rectangle2D r = new Rectangle2D.Double(x, y + CAPTION, w, h - CAPTION);
                sub.clip(r);
                panels.get(i).figure().draw(sub, r);
            } finally {
                sub.dispose();
            }
        }
    }

    /** Each panel's CSV rows, prefixed by its caption. */
    @Override
    public List<String[]> csv() {
        List<String[]> out = new ArrayList<>();
        for (Panel p : panels) {
            List<String[]> rows = p.figure().csv();
            for (int r = 0; r < rows.size(); r++) {
                if (r == 0 && !out.isEmpty()) {
                    continue;
                }
                String[] row = new String[rows.get(r).length + 1];
                row[0] = r == 0 ? "panel" : p.caption();
                System.arraycopy(rows.get(r), 0, row, 1, rows.get(r).length);
                out.add(row);
            }
        }
        return out;
    }
}
