package org.marginlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.marginlab.Range;
import org.marginlab.UserException;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureSet;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.figures.theory.TheoryFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code marginlab theory}: the analytic figures (∂Z/∂θ, ψ curves, s trade-off, decision boundaries) without any run. */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = "Render the analytic figures — dz-dtheta, psi-curves, s-tradeoff, decision-boundary — for a head and its "
                + "parameters, without training.")
final class TheoryCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the figures into (created if missing).")
    Path out;

    @Option(names = "--head", paramLabel = "ID", defaultValue = "arc", completionCandidates = HeadIds.class,
            description = "Head to highlight: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--s", paramLabel = "S", description = "Scale s (default: the head's).")
    Double s;

    @Option(names = "--m", paramLabel = "M", description = "Margin m (default: the head's).")
    Double m;

    @Option(names = "--lambda", paramLabel = "L", description = "SphereFace/L-Softmax λ (default: 5, the end of annealing).")
    Double lambda;

    @Option(names = "--m1", paramLabel = "M1", description = "Combined margin's angle multiplier m1 (default: the head's).")
    Double m1;

    @Option(names = "--m2", paramLabel = "M2", description = "Combined margin's additive angle m2 in rad (default: the head's).")
    Double m2;

    @Option(names = "--m3", paramLabel = "M3", description = "Combined margin's cosine margin m3 (default: the head's).")
    Double m3;

    @Option(names = "--k", paramLabel = "K", description = "Sub-centers per class (default: the head's).")
    Double k;

    @Option(names = "--psi", paramLabel = "EXPR", description = "The custom head's ψ(θ), e.g. \"cos(theta + m) - 0.1\".")
    String psi;

    @Option(names = "--classes", paramLabel = "C", defaultValue = "10", description = "Classes C for P(y) and the s trade-off (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "png", description = "png, svg or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
            description = "PNG scale 1, 2 or 3: pixels per figure unit, DPI 96 × N (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--radians", description = "Label angle axes in radians instead of degrees.")
    boolean radians;

    @Option(names = "--force", description = "Replace figure files that exist (without it, an existing file stops the command).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HeadKind kind;
        try {
            kind = HeadKind.fromId(head);
        } catch (IllegalArgumentException e) {
            throw new UserException("--head: " + e.getMessage());
        }
        // the head's theory defaults, then each flag it reads, checked with the ranges train uses
        HeadParams p = kind.type().theoryDefaults();
        java.util.Map<String, Double> given = new java.util.LinkedHashMap<>();
        given.put("s", s);
        given.put("m", m);
        given.put("lambda", lambda);
        given.put("m1", m1);
        given.put("m2", m2);
        given.put("m3", m3);
        given.put("k", k);
        for (var e : given.entrySet()) {
            if (e.getValue() != null && kind.type().param(e.getKey()).filter(q -> q.numeric()).isPresent()) {
                p = p.with(e.getKey(), e.getValue());
            }
        }
        if (psi != null && kind.type().param("psi").isPresent()) {
            p = p.withPsi(psi);
        }
        HeadParams checked = p;
        p.problem(kind).ifPresent(pr -> {
            Object got = pr.param().equals("psi") ? checked.psi() : Range.plain(checked.value(pr.param()));
            throw new UserException("--" + pr.param() + " " + pr.reason().replaceFirst(", got .*$", "")
                    + " for " + kind.id() + " (got " + got + ")");
        });
        kind.type().warning(p).ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
        if (classes < 2) {
            throw new UserException("--classes " + classes + " must be at least 2");
        }
        ExportFormat fmt = ExportFormat.parse(format);
        FigureSet set = FigureSet.theory(kind, p);
        for (Figure f : set.figures()) {
            if (f instanceof TheoryFigure t) {
                t.setAngleUnit(radians ? AngleUnit.RADIANS : AngleUnit.DEGREES);
            }
            if (f instanceof TheoryFigure t) {
                t.setClassCount(classes);
            }
        }
        ExportPlan plan = set.plan(out, fmt, scale);
        plan.refuseOverwrite(force);
        List<Path> written = plan.write();
        for (Path w : written) {
            spec.commandLine().getOut().println(w);
        }
        return 0;
    }

}
