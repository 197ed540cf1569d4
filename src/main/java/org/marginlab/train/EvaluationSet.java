package org.marginlab.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.marginlab.UserException;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.DataSet;
import org.marginlab.data.DataSets;
import org.marginlab.model.backbones.Backbones;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.RunFiles;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test images a run is judged on in the open set — those of its held-out classes, or every test image
 * when it held none out — embedded by the backbone of the run's last checkpoint (the final model of a
 * finished run), normalised as in training, i.e. with the trained classes' pixel statistics.
 *
 * @param config    the run's config.json
 * @param ids       indices in the Fashion-MNIST test set, ascending
 * @param labels    their dataset class ids
 * @param features  their embeddings, one row of d per image
 * @param classes   the class ids evaluated, ascending
 * @param iteration the checkpoint's iteration
 * @param notice    null, or the line saying the previous checkpoint had to be used
 */
public record EvaluationSet(TrainConfig config, int[] ids, int[] labels, float[][] features, List<Integer> classes,
                            long iteration, String notice) {

    private static final int CHUNK = 500;

    /** Reads the run in {@code runDir}; the data from {@code dataDir}, else where config.json says or is found. */
    public static EvaluationSet embed(Path runDir, Path dataDir) {
        TrainConfig config = ConfigCheck.validate(ConfigJson.read(runDir.resolve(RunFiles.CONFIG)));
        Checkpoint.Found found = Checkpoint.latest(runDir);
        DataSet set = DataSets.load(dataDir != null ? dataDir : config.dataDir() == null ? null : Path.of(config.dataDir()),
                config.dataOptions());
        TrainingData all = TrainingData.from(set);
        BatchPipeline trained = all.holdingOut(config.holdoutClasses()).train();
        BatchPipeline test = all.test();
        BatchPipeline normalised = new BatchPipeline(test.pixels(), set.test().labels(), test.count(), test.channels(),
                test.rows(), test.cols(), trained.means(), trained.stds());
        List<Integer> classes = new ArrayList<>();
        for (int y = 0; y < all.classes(); y++) {
            if (config.holdoutClasses().isEmpty() || config.holdoutClasses().contains(y)) {
                classes.add(y);
            }
        }
        int[] ids = java.util.stream.IntStream.range(0, test.count()).filter(i -> classes.contains(test.label(i))).toArray();
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            labels[i] = test.label(ids[i]);
        }
        float[][] features = features(config, found.checkpoint(), normalised, ids);
        return new EvaluationSet(config, ids, labels, features, List.copyOf(classes), found.checkpoint().iteration(),
                found.notice());
    }

    private static float[][] features(TrainConfig config, Checkpoint checkpoint, BatchPipeline images, int[] ids) {
        int d = config.dim();
        float[][] out = new float[ids.length][d];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Block backbone = Backbones.build(config.backbone(), d);
            backbone.initialize(manager, DataType.FLOAT32, new Shape(1, images.channels(), images.rows(), images.cols()));
            try {
                // backbone parameters come first in the checkpoint, the head's after them
                backbone.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(checkpoint.parameters())));
            } catch (MalformedModelException | IOException e) {
                throw new UserException("checkpoint.bin does not match backbone " + config.backbone().id() + " with d = " + d
                        + " (" + e.getMessage() + "); evaluate the run directory it was written in");
            }
            ParameterStore store = new ParameterStore(manager, false);
            for (int from = 0; from < ids.length; from += CHUNK) {
                int n = Math.min(CHUNK, ids.length - from);
                try (NDScope scope = new NDScope()) {
                    NDArray x = images.images(manager, ids, from, n);
                    float[] e = backbone.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(e, i * d, out[from + i], 0, d);
                    }
                    scope.suppressNotUsedWarning();
                }
            }
        }
        return out;
    }
}
