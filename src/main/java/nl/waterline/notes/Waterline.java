package nl.waterline.notes;

/** Above the waterline: what is said and defined; below: the drivers, interests and motives behind it. */
public enum Waterline {
    ABOVE, BELOW
}
