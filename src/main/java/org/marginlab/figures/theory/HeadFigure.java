package org.marginlab.figures.theory;

import org.marginlab.figures.Figure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/** A figure drawn from a head and its parameters alone, without a run (the Theory tab, {@code marginlab theory}). */
public interface HeadFigure extends Figure {

    /** The head the user is looking at, with its current parameters (drawn highlighted or marked). */
    void setHead(HeadKind kind, HeadParams p);
}
