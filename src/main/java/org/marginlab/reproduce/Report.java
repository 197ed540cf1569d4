package org.marginlab.reproduce;

import java.util.List;
import java.util.Map;

/**
 * A built report: the Markdown text and the CSV tables it refers to (file name → rows, row 0 = header).
 * Figures are made from the runs separately ({@link Preset#figures}).
 */
public record Report(String markdown, Map<String, List<String[]>> csvs, List<Check> checks, List<String> disagreements) {

    /** One qualitative check computed from the numbers. */
    public record Check(String claim, boolean holds, String evidence) {
    }
}
