package jixiao.engine;

/** A notice id that names no policy folder under the rules root (or is not a plain folder name at all). */
public class UnknownNoticeException extends PolicyException {
    public UnknownNoticeException(String message) {
        super(message);
    }
}
