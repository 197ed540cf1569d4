package org.marginlab.reproduce;

import org.marginlab.figures.Figure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a report into its directory: report.md, csv/*.csv and figures/*.png (+ their data as CSV), each atomically. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Figure file names as the report links them. */
    public static List<String> figureFiles(List<Figure> figures) {
        List<String> out = new ArrayList<>();
        for (Figure f : figures) {
            out.add("figures/" + f.id() + ".png");
        }
        return out;
    }

    public static Path write(Path out, Report report, List<Figure> figures) {
        Path csvDir = out.resolve("csv");
        Path figDir = out.resolve("figures");
        for (Figure f : figures) {
            if (report.csvs().containsKey(f.id() + ".csv")) {
                throw new IllegalStateException("figure " + f.id() + " would overwrite the table csv/" + f.id() + ".csv");
            }
        }
        FigureExporter.ensureDirectory(csvDir);
        for (var e : report.csvs().entrySet()) {
            FigureExporter.writeAtomically(csvDir.resolve(e.getKey()), FigureExporter.csvBytes(e.getValue()));
        }
        if (!figures.isEmpty()) {
            FigureExporter.ensureDirectory(figDir);
            for (Figure f : figures) {
                FigureExporter.write(f, figDir, ExportFormat.PNG, 1);
                FigureExporter.write(f, csvDir, ExportFormat.CSV, 1);
            }
        }
        Path md = out.resolve("report.md");
        // the report last: its presence means the files it links are complete
        FigureExporter.writeAtomically(md, report.markdown().getBytes(StandardCharsets.UTF_8));
        return md;
    }
}
