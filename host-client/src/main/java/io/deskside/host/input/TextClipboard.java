package io.deskside.host.input;

/**
 * The end user's clipboard as {@link TextTyper} borrows it to paste text that has no key: it
 * looks at what is there first, so that it only ever borrows a clipboard holding text or nothing,
 * and puts that back afterwards. {@link SystemTextClipboard} in the Host, a recorder in tests.
 */
public interface TextClipboard {

    /** What the clipboard holds, as far as borrowing it goes. */
    sealed interface Contents permits Text, Empty, Other {
    }

    /** Text, which can be put back as it was. */
    record Text(String text) implements Contents {
    }

    /** Nothing at all. */
    record Empty() implements Contents {
    }

    /** Something that is not text (an image, files), or a clipboard that cannot be read now: not to be touched. */
    record Other() implements Contents {
    }

    Contents contents();

    void put(String text);

    /** Leaves the clipboard holding nothing. */
    void empty();

    /** For a desktop without a clipboard to borrow: text without keys is dropped. */
    TextClipboard UNAVAILABLE = new TextClipboard() {
        @Override
        public Contents contents() {
            return new Other();
        }

        @Override
        public void put(String text) {
            throw new IllegalStateException("there is no clipboard to put text on");
        }

        @Override
        public void empty() {
            throw new IllegalStateException("there is no clipboard to empty");
        }
    };
}
