package org.marginlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.marginlab.UserException;
import org.marginlab.data.FashionMnist;
import org.marginlab.figures.catalog.FigureSet;
import org.marginlab.figures.RunData;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.config.DemoPreset;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;
import org.marginlab.run.RunWriter;
import org.marginlab.config.TrainConfig;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingSession;
import org.marginlab.devtools.RunPicture;
import org.marginlab.devtools.ScreenshotMaker;

/**
 * What {@code ./marginlab} does where no display is: the default demo, headless. It trains with a
 * progress bar, writes the run directory, its figures and a picture of the window showing the run, and
 * says where they are and how to see them in the window.
 */
final class HeadlessDemo {

    private HeadlessDemo() {
    }

    /**
     * @param iterations 0 for the whole demo, else a shorter one (tests)
     * @return the run directory
     */
    static Path run(DemoPreset demo, long iterations, Path runsRoot, PrintWriter out, PrintWriter err) throws Exception {
        ScreenshotMaker.useHeadlessPlatform();
        TrainConfig c = demo.config();
        if (iterations > 0) {
            c = c.toBuilder().iterations(iterations).build();
        }
        err.println("marginlab: no display here, so this is the demo \"" + demo.title() + "\" trained headless "
                + "(for the window, run ./marginlab where there is a display, or xvfb-run ./marginlab; "
                + "./marginlab --help lists every command)");
        TrainingData data = TrainingData.from(FashionMnist.load(null));
        Path dir = RunWriter.defaultDirectory(runsRoot, c.head().id());
        TrainingSession s = TrainingSession.create(c, data, MarginTrainableHead.FACTORY, dir);
        TrainCommand.ProgressBar bar = new TrainCommand.ProgressBar(err);
        s.addListener(bar);
        s.start();
        try {
            s.completion().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        bar.finish();
        if (s.state() != RunState.FINISHED) {
            throw new UserException("the demo run " + s.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + s.message());
        }
        RunReader.Run run = RunReader.read(dir);
        Path figures = dir.resolve("figures");
        List<Path> written = FigureSet.forRun(RunData.of(null, run.config(), run.iterations(), run.epochs()))
                .exportAll(figures, ExportFormat.PNG, 1);
        Path picture = dir.resolve("window.png");
        RunPicture.write(dir, picture, 1280, 800);
        out.println("run:     " + dir.toAbsolutePath());
        out.println("figures: " + figures.toAbsolutePath() + " (" + written.size() + " PNGs)");
        out.println("window:  " + picture.toAbsolutePath());
        out.println("see it in the window where there is a display: ./marginlab, then File → Open run… → " + dir);
        out.flush();
        return dir;
    }
}
