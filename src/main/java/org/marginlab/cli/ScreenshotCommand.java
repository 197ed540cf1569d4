package org.marginlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.marginlab.UserException;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;
import org.marginlab.ui.WorkbenchApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marginlab screenshot}: the real window on the headless platform, trained live, saved as a PNG. */
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Open the workbench window headless, train N iterations live, and write a PNG of the whole window.")
final class ScreenshotCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG file to write")
    Path out;

    @Option(names = "--head", defaultValue = "arcface", paramLabel = "H", completionCandidates = HeadIds.class,
            description = "head to train: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String head;

    @Option(names = "--dim", defaultValue = "3", paramLabel = "D", description = "embedding dimension (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--iterations", defaultValue = "200", paramLabel = "N", description = "iterations to train (default: ${DEFAULT-VALUE})")
    long iterations;

    @Option(names = "--tab", paramLabel = "NAME", description = "tab to show, e.g. Embedding, \"Angle histograms\", Compare, Theory")
    String tab;

    @Option(names = "--compare", split = ",", paramLabel = "H", description = "train 2–4 heads side by side instead, e.g. softmax,cosface,arcface,arc")
    List<String> compare = new ArrayList<>();

    @Option(names = "--size", defaultValue = "1600x1000", paramLabel = "WxH", description = "window size (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--theme", defaultValue = "light", paramLabel = "light|dark", description = "(default: ${DEFAULT-VALUE})")
    String theme;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: search the usual places)")
    String data;

    @Option(names = "--snapshot-every", defaultValue = "10", paramLabel = "K", description = "iterations between live snapshots (default: ${DEFAULT-VALUE})")
    int snapshotEvery;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS", description = "give up after this long (default: ${DEFAULT-VALUE})")
    long timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ScreenshotMaker.useHeadlessPlatform();
        HeadKind h = parseHead("--head", head);
        List<HeadKind> heads = compare.stream().map(c -> parseHead("--compare", c)).toList();
        if (!heads.isEmpty() && (heads.size() < 2 || heads.size() > 4)) {
            throw new UserException("--compare: give two to four heads, e.g. --compare softmax,cosface,arcface,arc");
        }
        if (iterations < 1) {
            throw new UserException("--iterations " + iterations + ": must be at least 1");
        }
        String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
        int w;
        int ht;
        try {
            w = Integer.parseInt(wh[0].trim());
            ht = Integer.parseInt(wh[1].trim());
        } catch (RuntimeException e) {
            throw new UserException("--size " + size + ": write it as WIDTHxHEIGHT, e.g. 1600x1000");
        }
        if (w < 800 || ht < 500 || w > 4000 || ht > 3000) {
            throw new UserException("--size " + size + ": width 800–4000 and height 500–3000");
        }
        if (!theme.equals("light") && !theme.equals("dark")) {
            throw new UserException("--theme " + theme + ": use light or dark");
        }
        var result = ScreenshotMaker.take(new ScreenshotMaker.Request(out, h, dim, iterations, tab, heads, w, ht, theme,
                data, snapshotEvery, timeout), WorkbenchApp.defaultBackend());
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf("wrote %s (%d×%d): %s%n", result.file(), result.width(), result.height(), result.status());
        if (result.message() != null && !result.message().isBlank()) {
            pw.println("window said: " + result.message());
        }
        return result.state() == RunState.FAILED ? 1 : 0;
    }

    private static HeadKind parseHead(String flag, String id) {
        try {
            return HeadKind.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new UserException(flag + " " + id + ": unknown head; use one of " + HeadKind.ids());
        }
    }
}
