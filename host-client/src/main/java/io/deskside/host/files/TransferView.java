package io.deskside.host.files;

import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.files.Progress;
import io.deskside.protocol.desktop.files.TransferState;
import java.nio.file.Path;

/**
 * Where the end user sees their transfers: a progress bar each, and a line when something went
 * wrong. Called on the Host's file threads: an implementation hands each call to the EDT.
 */
public interface TransferView {

    /** One transfer as it stands. {@code savedAs} is where a received file ended up, once it is whole. */
    record Transfer(FileId id, String name, boolean incoming, Progress progress, TransferState state, Path savedAs) {
    }

    void changed(Transfer transfer);

    /** Something the end user should know, in their words ("report.txt could not be read"). */
    void problem(String text);

    TransferView NONE = new TransferView() {
        @Override
        public void changed(Transfer transfer) {
        }

        @Override
        public void problem(String text) {
        }
    };
}
