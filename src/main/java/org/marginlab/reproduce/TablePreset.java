package org.marginlab.reproduce;

import java.util.List;

import org.marginlab.figures.Figure;

/** A preset whose report is tables and figures over its runs' summaries and snapshots ({@link ReportBuilder}). */
public interface TablePreset extends Preset {

    /** Writes the report's Results section: its tables and CSVs, qualitative checks and disagreements. */
    void results(ReportBuilder report);

    /** The report's figures, drawn from the runs' outcomes. */
    List<Figure> figures(Plan plan, List<RunOutcome> outcomes);
}
