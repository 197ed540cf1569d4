package org.marginlab.train;

import org.marginlab.config.TrainConfig;

/** Builds the trainable head a config asks for. */
@FunctionalInterface
public interface HeadFactory {

    TrainableHead create(TrainConfig config, int classes);
}
