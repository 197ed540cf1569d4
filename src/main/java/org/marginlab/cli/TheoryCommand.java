package org.marginlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
        HeadParams p = HeadParams.defaults(kind);
        if (kind == HeadKind.SPHEREFACE || kind == HeadKind.LSOFTMAX) {
            p = p.withLambda(5);
        }
        if (s != null) {
            requirePositive("--s", s);
            p = p.withS(s);
        }
        if (m != null) {
            if (!(m >= 0) || Double.isInfinite(m)) {
                throw new UserException("--m " + m + " must be a finite number ≥ 0");
            }
            if ((kind == HeadKind.SPHEREFACE || kind == HeadKind.LSOFTMAX) && (m < 1 || m != Math.rint(m))) {
                throw new UserException("--m " + m + " must be a whole number ≥ 1 for " + kind.id() + " (e.g. 4)");
            }
            p = p.withM(m);
        }
        if (lambda != null) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new UserException("--lambda " + lambda + " must be a finite number ≥ 0");
            }
            p = p.withLambda(lambda);
        }
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

    private static void requirePositive(String flag, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UserException(flag + " " + v + " must be a finite number > 0");
        }
    }
}
