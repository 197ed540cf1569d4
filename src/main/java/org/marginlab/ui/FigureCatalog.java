package org.marginlab.ui;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureIds;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.figures.theory.PsiCurvesFigure;
import org.marginlab.figures.theory.STradeoffFigure;

/** The one place the window names the figure library's classes: a figure for each figure id. */
public final class FigureCatalog {
    private FigureCatalog() {
    }

    public static Figure create(String id) {
        return switch (id) {
            case FigureIds.EMBEDDING_CIRCLE -> new EmbeddingCircleFigure();
            case FigureIds.DZ_DTHETA -> new DzDthetaFigure();
            case FigureIds.PSI_CURVES -> new PsiCurvesFigure();
            case FigureIds.S_TRADEOFF -> new STradeoffFigure();
            default -> new Unavailable(id);
        };
    }

    /** Drawn where the figure library of this build lacks a figure; says so instead of failing. */
    static final class Unavailable implements RunFigure {
        private final String id;

        Unavailable(String id) {
            this.id = id;
        }

        @Override
        public void setRun(RunData run) {
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return id;
        }

        @Override
        public boolean hasData() {
            return false;
        }

        @Override
        public void draw(Graphics2D g, Rectangle2D area) {
            g.setColor(FigureStyle.BACKGROUND);
            g.fill(area);
            g.setColor(FigureStyle.MUTED);
            g.setFont(FigureStyle.LABEL_FONT);
            g.drawString("The figure '" + id + "' is not in this build of the figure library.",
                    (float) area.getX() + 20, (float) area.getCenterY());
        }

        @Override
        public List<String[]> csv() {
            return List.of(new String[] {"figure"}, new String[] {id});
        }
    }
}
