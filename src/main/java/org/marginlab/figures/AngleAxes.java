package org.marginlab.figures;

/**
 * A figure with an angle axis, drawn in degrees or radians (the data stay in radians): the window's unit
 * choice and {@code figures --angle-unit} reach every such figure through this, without naming it.
 */
public interface AngleAxes {

    void setAngleUnit(AngleUnit unit);
}
