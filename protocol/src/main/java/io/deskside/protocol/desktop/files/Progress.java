package io.deskside.protocol.desktop.files;

/** How far a transfer has come, for a progress bar: bytes the receiver has acknowledged, of the size. */
public record Progress(long acknowledged, long size) {

    public Progress {
        if (size < 0 || acknowledged < 0 || acknowledged > size) {
            throw new IllegalArgumentException("progress " + acknowledged + " of " + size);
        }
    }

    /** 0.0 to 1.0; an empty file is complete as soon as it is acknowledged at all. */
    public double fraction() {
        return size == 0 ? 1.0 : (double) acknowledged / size;
    }
}
