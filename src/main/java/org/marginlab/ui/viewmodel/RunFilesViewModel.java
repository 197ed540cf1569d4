package org.marginlab.ui.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

import org.marginlab.UserException;
import org.marginlab.run.RunState;

/** Opening a run directory as the current run, and saving a copy of the current run's directory. */
public final class RunFilesViewModel {
    private final RunControlViewModel control;
    private final RunStatusViewModel status;
    private final TrainingBackend backend;
    private final BackgroundExecutor executor;
    private final Consumer<String> notifier;

    public RunFilesViewModel(RunControlViewModel control, RunStatusViewModel status, TrainingBackend backend,
                      BackgroundExecutor executor, Consumer<String> notifier) {
        this.control = control;
        this.status = status;
        this.backend = backend;
        this.executor = executor;
        this.notifier = notifier;
    }

    /** Reads a run directory off the FX thread and shows it; {@code onOpened} runs when it is shown. */
    public void open(Path directory, Consumer<Path> onOpened) {
        if (active()) {
            notifier.accept("Stop the current run before opening another.");
            return;
        }
        executor.submit(() -> backend.open(directory), stored -> {
            RunModel m = new RunModel(stored.config(), stored.config().head().displayName() + ", d = "
                    + stored.config().dim() + " (" + stored.directory().getFileName() + ")");
            m.loadStored(stored.iterations(), stored.epochs(), stored.changes(), stored.state());
            control.showStored(m, stored.directory(), stored.device());
            status.update();
            if (!stored.skipped().isEmpty()) {
                // the same verification as `marginlab check`: what is intact is shown, what is not is said
                notifier.accept("Opened what is intact; skipped: " + String.join(" · ", stored.skipped()));
            }
            onOpened.accept(stored.directory());
        }, failure -> notifier.accept(WorkbenchViewModel.describe("Could not open " + directory, failure)));
    }

    /**
     * Copies the current run's directory to the new directory {@code target} (a run is written as it
     * trains; this keeps a copy elsewhere). Refused while the run is still writing.
     */
    public void saveRunAs(Path target, Consumer<Path> onSaved) {
        Path source = control.runDirectoryProperty().get();
        if (source == null) {
            notifier.accept("No run to save yet: start or open one first.");
            return;
        }
        if (active() || control.startingProperty().get()) {
            notifier.accept("Stop the run before saving a copy; its files are still being written.");
            return;
        }
        executor.submit(() -> copyTree(source, target), copy -> {
            notifier.accept("Saved a copy of the run to " + copy);
            onSaved.accept(copy);
        }, failure -> notifier.accept(WorkbenchViewModel.describe("Could not save the run to " + target, failure)));
    }

    private boolean active() {
        RunState s = control.stateProperty().get();
        return s == RunState.RUNNING || s == RunState.PAUSED;
    }

    private static Path copyTree(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new UserException(target + " already exists; choose another name");
        }
        if (org.marginlab.run.RunLock.held(source)) {
            // another writer appends to it now (a terminal's train --resume, the Compare tab): a copy could catch a
            // record half-written, and copying writer.lock here would even drop that writer's lock
            throw new UserException(source + " is being written by " + org.marginlab.run.RunLock.holder(source)
                    + "; stop that run, then save a copy (nothing was copied)");
        }
        // Copy into a temporary sibling of its own (a name no earlier, killed save can have left), then rename,
        // so a failed copy leaves nothing half-written: on failure the temporary copy, ours alone, is removed.
        Path tmp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".partial");
        Path at = source;
        try (var paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                at = p;
                Path dest = tmp.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
            at = target;
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | java.io.UncheckedIOException e) {
            deleteTree(tmp);
            IOException io = e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
            throw new UserException("Could not save the run to " + target + ": " + at + " ("
                    + org.marginlab.IoErrors.describe(io) + "); nothing was copied");
        }
        return target;
    }

    /** Removes our own temporary copy, deepest first; what cannot be removed stays (it is only a copy). */
    private static void deleteTree(Path tmp) {
        if (!Files.exists(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(tmp)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a leftover temporary copy harms nothing: its name is hidden and never reused
        }
    }
}
