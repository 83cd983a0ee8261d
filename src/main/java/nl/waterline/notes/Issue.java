package nl.waterline.notes;

/** An issue (theme) the minutes are organised by; templates seed some, facilitators add and rename. */
public record Issue(String id, String title) {
}
