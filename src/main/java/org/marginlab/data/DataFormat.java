package org.marginlab.data;

/** The kinds of data set {@link DataSets#load} recognises, by what it finds at the path. */
public enum DataFormat {
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST"),
    IDX("idx", "IDX"),
    CIFAR10("cifar-10-binary", "CIFAR-10 binary"),
    CIFAR100("cifar-100-binary", "CIFAR-100 binary"),
    IMAGE_FOLDER("image-folder", "image folder");

    private final String id;
    private final String title;

    DataFormat(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** As written in config.json's dataset record. */
    public String id() {
        return id;
    }

    /** As the one-line description starts. */
    public String title() {
        return title;
    }
}
