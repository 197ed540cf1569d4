package org.marginlab.figures.embedding;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;

/** A class-centre cross: a white halo under a coloured × so it reads on top of its own class's points. */
final class Marker {
    private Marker() {
    }

    static void cross(Graphics2D g, double x, double y, double half, Color c) {
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(4.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x - half, y - half, x + half, y + half));
        g.draw(new Line2D.Double(x - half, y + half, x + half, y - half));
        g.setColor(c);
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x - half, y - half, x + half, y + half));
        g.draw(new Line2D.Double(x - half, y + half, x + half, y - half));
    }
}
