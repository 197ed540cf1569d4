package org.marginlab.figures;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * A figure that the window can paint faster when it draws straight into an ARGB pixel array: the same
 * picture as {@link #draw}, but parts with thousands of small shapes (the sphere's point cloud) are
 * written into the pixels directly instead of going through Java2D one shape at a time. Exports keep
 * using {@link #draw}, so PNG and SVG files stay exact vector renderings.
 */
public interface ScreenFigure extends Figure {

    /**
     * Paints like {@link #draw} into {@code g}, which must render into {@code argbPre} (premultiplied
     * ARGB, {@code width × height}, row-major), e.g. a {@code TYPE_INT_ARGB_PRE} BufferedImage's data;
     * {@code g}'s transform may scale and translate but not rotate.
     */
    void drawOnScreen(Graphics2D g, Rectangle2D area, int[] argbPre, int width, int height);
}
