package nl.waterline.template;

/** A text in the two UI languages; a missing translation falls back to the other language. */
public record Localized(String nl, String en) {

    public String in(String language) {
        String preferred = "en".equals(language) ? en : nl;
        String other = "en".equals(language) ? nl : en;
        return preferred != null && !preferred.isBlank() ? preferred : other;
    }
}
