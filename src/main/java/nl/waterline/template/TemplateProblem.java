package nl.waterline.template;

/** Why a template file was not loaded: the file, the field (a path such as {@code groups[2].roles}) and what is wrong. */
public record TemplateProblem(String file, String field, String message) {

    @Override
    public String toString() {
        return file + ": " + field + ": " + message;
    }
}
