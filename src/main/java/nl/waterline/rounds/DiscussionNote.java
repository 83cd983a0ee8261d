package nl.waterline.rounds;

import java.util.List;

/** A difference or similarity a subgroup noticed, with the stakeholder groups it concerns. */
public record DiscussionNote(String id, String subgroup, DiscussionKind kind, String text, List<String> groups,
                             String parkedQuestion) {

    public DiscussionNote {
        groups = List.copyOf(groups);
    }
}
