package nl.waterline.subgroups;

import java.util.List;

/** Letters and colours tell people where to sit; the letter keeps it readable without colour vision. */
public final class SubgroupColours {

    private static final List<String> COLOURS = List.of("blue", "orange", "green", "purple", "red", "teal", "yellow", "pink");

    private SubgroupColours() {
    }

    public static String label(int index) {
        StringBuilder sb = new StringBuilder();
        int n = index;
        do {
            sb.insert(0, (char) ('A' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return sb.toString();
    }

    public static String colour(int index) {
        return COLOURS.get(index % COLOURS.size());
    }
}
