package nl.waterline.template;

/** An issue (theme) the template proposes for the minutes; facilitators may add or rename them. */
public record SeededIssue(String id, Localized title) {
}
