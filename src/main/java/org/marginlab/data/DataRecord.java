package org.marginlab.data;

import java.util.List;

/**
 * What a run trained on, as config.json records it: the format, the path, the sizes, a checksum and the
 * class names (so figures name a run's classes without the data at hand).
 *
 * @param format     {@link DataFormat#id()}
 * @param path       the folder read (absolute), or null for the bundled Fashion-MNIST found by search
 * @param train      training images
 * @param test       test images
 * @param channels   1 or 3
 * @param height     image rows
 * @param width      image columns
 * @param sha256     SHA-256 of the files read, in name order, each as "sha256  name\n" (sha256sum's lines),
 *                   so one value names the exact data; null for an image folder (thousands of files)
 * @param classNames one name per class, in label order
 */
public record DataRecord(String format, String path, int train, int test, int channels, int height, int width,
                         String sha256, List<String> classNames) {

    public DataRecord {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    public int classes() {
        return classNames.size();
    }
}
